// mem_reuse_malloc: T1 mallocs a block, writes it and frees it; then T2
// mallocs the same size (the same chunk: tcache off, one arena) and writes
// it, ordered only by uninstr_sync (invisible to crace). A new block is a
// new object: nothing from its previous life may race. No race.
// The quarantine is off (quarantine_mb=0): glibc gets the freed memory back at once.
//
// EXPECT: none
// ENV: GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1 CRACE_OPTIONS=quarantine_mb=0
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define N 16

static int started, freed, taken;
static void *old_block; /* only compared, through relaxed atomics */
static int reused;

static void *first(void *arg)
{
    int *p;

    crace_test_wait(&started); /* T2's start-up allocations are done */
    p = malloc(N * sizeof *p);
    for (int i = 0; i < N; i++)
        p[i] = i;
    free(p);
    __atomic_store_n(&old_block, p, __ATOMIC_RELAXED);
    crace_test_signal(&freed);
    crace_test_wait(&taken); /* nothing of T1's exit runs in between */
    return arg;
}

static void *second(void *arg)
{
    int *q;
    long sum = 0;

    (void)arg;
    crace_test_signal(&started);
    crace_test_wait(&freed);
    q = malloc(N * sizeof *q);
    crace_test_signal(&taken);
    for (int i = 0; i < N; i++)
        q[i] = -i;
    for (int i = 0; i < N; i++)
        sum += q[i];
    reused = q == __atomic_load_n(&old_block, __ATOMIC_RELAXED);
    free(q);
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("block reused: %s\n", reused ? "yes" : "no");
    return 0;
}
