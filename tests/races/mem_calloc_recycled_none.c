// mem_calloc_recycled_none: T1 fills and frees 6000 blocks, far more than
// the quarantine holds (1 MiB here), so most go back to glibc (one arena,
// no thread cache); then T2, ordered only by uninstr_sync, callocs blocks
// of the same sizes, gets that recycled memory, and reads it. A new block
// has no history: the free marks T1 left on it are gone, so no race. T2
// also checks the zeroes.
//
// EXPECT: none
// ENV: GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1 CRACE_OPTIONS=quarantine_mb=1
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define N 6000
#define SIZE(i) (16 + (size_t)(i) % 7 * 24)

static int freed;

static void *filler(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++) {
        long *p = malloc(SIZE(i));

        if (!p)
            abort();
        for (size_t k = 0; k < SIZE(i) / sizeof *p; k++)
            p[k] = -1;
        free(p);
    }
    crace_test_signal(&freed);
    return NULL;
}

static void *reader(void *arg)
{
    long nonzero = 0;

    (void)arg;
    crace_test_wait(&freed);
    for (int i = 0; i < N; i++) {
        long *p = calloc(1, SIZE(i));

        if (!p)
            abort();
        for (size_t k = 0; k < SIZE(i) / sizeof *p; k++)
            nonzero |= p[k];
        free(p);
    }
    return (void *)nonzero;
}

int main(void)
{
    pthread_t t1, t2;
    void *nonzero;

    pthread_create(&t1, NULL, filler, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &nonzero);
    return nonzero != NULL;
}
