// mem_realloc_race: T1 writes p[0] of a heap block; then T2, with no
// synchronization, reallocs p to a much larger size. realloc reads the old
// block (the copy) and frees it (a write of the whole block): both
// conflict with T1's write. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 24
// RACE-FUNCS: writer grower
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define BIG (1 << 20) /* above the mmap threshold: realloc must move */

static int written;

static void *writer(void *arg)
{
    int *p = arg;

    p[0] = 1;
    crace_test_signal(&written);
    return NULL;
}

static void *grower(void *arg)
{
    int *q;

    crace_test_wait(&written);
    q = realloc(arg, BIG * sizeof *q);
    return q;
}

int main(void)
{
    pthread_t t1, t2;
    int *p = calloc(8, sizeof *p);
    void *q;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, writer, p); /* CREATE */
    pthread_create(&t2, NULL, grower, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &q);
    free(q);
    return 0;
}
