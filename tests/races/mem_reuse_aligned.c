// mem_reuse_aligned: mem_reuse_malloc for the aligned allocators, one round
// each: posix_memalign, aligned_alloc, memalign, valloc. T1 allocates,
// writes and frees; T2, ordered only by uninstr_sync, allocates the same
// way (typically the same chunk) and writes. No race.
// The quarantine is off (quarantine_mb=0): glibc gets the freed memory back at once.
//
// EXPECT: none
// ENV: GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1 CRACE_OPTIONS=quarantine_mb=0
// LINK: uninstr_sync
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define KINDS 4
#define SIZE 64
/* With a larger alignment glibc over-allocates and splits, and the freed
 * memory does not come back to the next request: no reuse to test. */
#define ALIGN 16

static int started, freed[KINDS], done[KINDS];
static char *old_block[KINDS]; /* only compared, through relaxed atomics */
static int reused[KINDS];

static char *alloc(int kind)
{
    void *p = NULL;

    switch (kind) {
    case 0:
        if (posix_memalign(&p, ALIGN, SIZE))
            p = NULL;
        break;
    case 1:
        p = aligned_alloc(ALIGN, SIZE);
        break;
    case 2:
        p = memalign(ALIGN, SIZE);
        break;
    default:
        p = valloc(SIZE);
        break;
    }
    if (!p)
        abort();
    return p;
}

static void *first(void *arg)
{
    crace_test_wait(&started); /* T2's start-up allocations are done */
    for (int k = 0; k < KINDS; k++) {
        char *p = alloc(k);

        for (int i = 0; i < SIZE; i++)
            p[i] = (char)i;
        free(p);
        __atomic_store_n(&old_block[k], p, __ATOMIC_RELAXED);
        crace_test_signal(&freed[k]);
        crace_test_wait(&done[k]);
    }
    return arg;
}

static void *second(void *arg)
{
    crace_test_signal(&started);
    for (int k = 0; k < KINDS; k++) {
        char *q, *old;

        crace_test_wait(&freed[k]);
        q = alloc(k);
        for (int i = 0; i < SIZE; i++)
            q[i] = (char)-i;
        old = __atomic_load_n(&old_block[k], __ATOMIC_RELAXED);
        reused[k] = q < old + SIZE && old < q + SIZE;
        free(q);
        crace_test_signal(&done[k]);
    }
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int k = 0; k < KINDS; k++)
        printf("kind %d memory reused: %s\n", k, reused[k] ? "yes" : "no");
    return 0;
}
