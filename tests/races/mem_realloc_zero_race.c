// mem_realloc_zero_race: realloc(p, 0) frees p (glibc returns NULL). T1
// does that to a heap block; then T2, created after the allocation but not
// ordered after the realloc, writes p[1]: a use after free, racing with
// the free. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 23
// RACE-FUNCS: dropper late_writer
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: freed by thread T1, allocated by main thread:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int dropped;

static void *dropper(void *arg)
{
    void *q = realloc(arg, 0); /* RACY */

    crace_test_signal(&dropped);
    return q;
}

static void *late_writer(void *arg)
{
    long *p = arg;

    crace_test_wait(&dropped);
    p[1] = 5; /* RACY */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(6 * sizeof *p);
    void *q;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, dropper, p);     /* CREATE */
    pthread_create(&t2, NULL, late_writer, p); /* CREATE */
    pthread_join(t1, &q);
    pthread_join(t2, NULL);
    return q != NULL;
}
