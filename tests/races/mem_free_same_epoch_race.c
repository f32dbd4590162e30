// mem_free_same_epoch_race: T1 mallocs a block, fills it and frees it with
// no synchronization in between (malloc, writes and free in one epoch),
// and hands the address to T2 through a relaxed atomic (no happens-before).
// T2 then writes the block: a use after free. The previous access reported
// must be the free (not the allocation or the fill of the same epoch), and
// the location the freed block.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 47 35
// RACE-FUNCS: owner late_user
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: Location is heap block of size 64 at
// STDERR-HAS: freed by thread T1, allocated by thread T1:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static long *block; /* passed with relaxed atomics */
static int freed;

static void *owner(void *arg)
{
    long *p = malloc(8 * sizeof *p);

    (void)arg;
    if (!p)
        abort();
    for (int i = 0; i < 8; i++)
        p[i] = i;
    __atomic_store_n(&block, p, __ATOMIC_RELAXED);
    free(p); /* RACY */
    crace_test_signal(&freed);
    return NULL;
}

static void *late_user(void *arg)
{
    long *p;

    (void)arg;
    crace_test_wait(&freed);
    p = __atomic_load_n(&block, __ATOMIC_RELAXED);
    p[2] = 7; /* RACY */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, owner, NULL);     /* CREATE */
    pthread_create(&t2, NULL, late_user, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
