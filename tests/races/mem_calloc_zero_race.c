// mem_calloc_zero_race: calloc zero-fills the block, a write by the calling
// thread. T1 callocs and passes the pointer to T2 through a relaxed atomic
// (no happens-before); T2's read of the zeroes races with calloc's write.
// uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 37
// RACE-FUNCS: first second
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int *block; /* passed with relaxed atomics */
static int allocated;

static void *first(void *arg)
{
    int *p = calloc(16, sizeof *p);

    __atomic_store_n(&block, p, __ATOMIC_RELAXED);
    crace_test_signal(&allocated);
    return arg;
}

static void *second(void *arg)
{
    int *p;
    long seen;

    (void)arg;
    crace_test_wait(&allocated);
    p = __atomic_load_n(&block, __ATOMIC_RELAXED);
    seen = p[7];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(block);
    return 0;
}
