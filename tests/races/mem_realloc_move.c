// mem_realloc_move: T1 writes a small block and grows it with realloc,
// which moves it; T1 writes the new block, main reads it after join. T2,
// ordered only by uninstr_sync, mallocs the old block's size (getting the
// freed old chunk) and writes it. Every access is ordered or fresh: no race.
// The quarantine is off (quarantine_mb=0): glibc gets the freed memory back at once.
//
// EXPECT: none
// ENV: GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1 CRACE_OPTIONS=quarantine_mb=0
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define SMALL 8
#define BIG (1 << 20) /* above the mmap threshold: realloc must move */

static int started, moved, taken;
static void *old_block; /* only compared, through relaxed atomics */
static int reused;

static void *grower(void *arg)
{
    int *p = arg, *q;

    crace_test_wait(&started); /* T2's start-up allocations are done */
    for (int i = 0; i < SMALL; i++)
        p[i] = i;
    q = realloc(p, BIG * sizeof *q);
    if (!q)
        abort();
    for (int i = SMALL; i < BIG; i += 4096)
        q[i] = q[i % SMALL] + 1;
    __atomic_store_n(&old_block, p, __ATOMIC_RELAXED);
    crace_test_signal(&moved);
    crace_test_wait(&taken); /* nothing of T1's exit runs in between */
    return q;
}

static void *recycler(void *arg)
{
    int *r;
    long sum = 0;

    (void)arg;
    crace_test_signal(&started);
    crace_test_wait(&moved);
    r = malloc(SMALL * sizeof *r);
    crace_test_signal(&taken);
    for (int i = 0; i < SMALL; i++)
        r[i] = -i;
    for (int i = 0; i < SMALL; i++)
        sum += r[i];
    reused = (void *)r == __atomic_load_n(&old_block, __ATOMIC_RELAXED);
    free(r);
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;
    int *p = malloc(SMALL * sizeof *p);
    void *q;
    int ok;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, grower, p);      /* CREATE */
    pthread_create(&t2, NULL, recycler, NULL); /* CREATE */
    pthread_join(t1, &q);
    pthread_join(t2, NULL);
    printf("old block reused: %s\n", reused ? "yes" : "no");
    ok = ((int *)q)[SMALL - 1] == SMALL - 1 && ((int *)q)[SMALL + 4096] == 1;
    free(q);
    return ok ? 0 : 1;
}
