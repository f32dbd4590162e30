// mem_realloc_shrink_race: T1 writes p[8] of a 16-long heap block; then T2,
// with no synchronization, shrinks the block to 2 longs with realloc. glibc
// could keep the block where it is and cut the tail off, but either way
// realloc frees the old block (a write of all of it): the free races with
// T1's earlier write in the cut-off part. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 35 25
// RACE-FUNCS: writer shrinker
// RACE-ACCESS: write write
// STDERR-HAS: by thread T2 (free):
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int written;

static void *writer(void *arg)
{
    long *p = arg;

    p[8] = 1; /* RACY */
    crace_test_signal(&written);
    return NULL;
}

static void *shrinker(void *arg)
{
    long *q;

    crace_test_wait(&written);
    q = realloc(arg, 2 * sizeof *q); /* RACY */
    return q;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(16 * sizeof *p);
    void *q;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, writer, p);   /* CREATE */
    pthread_create(&t2, NULL, shrinker, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &q);
    free(q);
    return 0;
}
