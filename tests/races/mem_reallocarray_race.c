// mem_reallocarray_race: T1 writes p[5] of a 12-long heap block; then T2,
// with no synchronization, first asks reallocarray for an overflowing size
// (it fails with ENOMEM and leaves the block alone: no access), then
// shrinks the block to 4 longs with reallocarray. That frees the old block
// (a write of it): the free races with T1's write. uninstr_sync makes T1
// go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 41 28
// RACE-FUNCS: writer shrinker
// RACE-ACCESS: write write
// STDERR-HAS: by thread T2 (free):
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int written;

static void *writer(void *arg)
{
    long *p = arg;

    p[5] = 1; /* RACY */
    crace_test_signal(&written);
    return NULL;
}

static void *shrinker(void *arg)
{
    long *q;

    crace_test_wait(&written);
    errno = 0;
    if (reallocarray(arg, SIZE_MAX / 4, 8) != NULL || errno != ENOMEM)
        return NULL;
    q = reallocarray(arg, 4, sizeof *q); /* RACY */
    return q;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(12 * sizeof *p);
    void *q;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, writer, p);   /* CREATE */
    pthread_create(&t2, NULL, shrinker, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &q);
    if (!q)
        return 1;
    free(q);
    return 0;
}
