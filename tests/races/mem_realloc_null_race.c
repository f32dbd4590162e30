// mem_realloc_null_race: realloc(NULL, n) is malloc(n): a new block that
// counts as written by the allocating thread. T1 gets one that way and
// hands the pointer to T2 through a relaxed atomic (no happens-before); T2
// reads it: that races with the allocation. uninstr_sync makes T1 go
// first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 24
// RACE-FUNCS: allocator reader
// RACE-ACCESS: read write
// STDERR-HAS: allocated by thread T1:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static long *block; /* passed with relaxed atomics */
static int made;

static void *allocator(void *arg)
{
    long *q = realloc(NULL, 4 * sizeof *q); /* RACY */

    (void)arg;
    __atomic_store_n(&block, q, __ATOMIC_RELAXED);
    crace_test_signal(&made);
    return NULL;
}

static void *reader(void *arg)
{
    long *q, seen;

    (void)arg;
    crace_test_wait(&made);
    q = __atomic_load_n(&block, __ATOMIC_RELAXED);
    seen = q[1]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, allocator, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);    /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(block);
    return 0;
}
