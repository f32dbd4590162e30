// mem_realloc_shrink_tail_race: T1 shrinks a 16-long heap block to 2 longs
// with realloc; then T2, ordered after the allocation (created after it)
// but not after the realloc, writes p[8] of the old block: the cut-off tail.
// That memory was freed by the realloc (even where glibc would keep the
// block in place), so the write races with the free, and the block is
// reported as freed. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 37 26
// RACE-FUNCS: shrinker tail_writer
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: Location is heap block of size 128 at
// STDERR-HAS: freed by thread T1, allocated by main thread:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int shrunk;

static void *shrinker(void *arg)
{
    long *q = realloc(arg, 2 * sizeof *q); /* RACY */

    crace_test_signal(&shrunk);
    return q;
}

static void *tail_writer(void *arg)
{
    long *p = arg;

    crace_test_wait(&shrunk);
    p[8] = 2; /* RACY */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(16 * sizeof *p);
    void *q;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, shrinker, p);    /* CREATE */
    pthread_create(&t2, NULL, tail_writer, p); /* CREATE */
    pthread_join(t1, &q);
    pthread_join(t2, NULL);
    free(q);
    return 0;
}
