// atom_cas_fail_sync_builtin: __sync_bool_compare_and_swap is a seq_cst
// compare-exchange; when it fails (T1 expects 3, the flag is 0) it wrote
// nothing and released nothing. T2, after it in real time only, reads the
// flag with a seq_cst __sync_fetch_and_add(0) and then T1's payload.
// Nothing orders the two. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 38
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static long payload;
static long flag;
static int tried;

static void *producer(void *arg)
{
    long swapped;

    payload = 42; /* RACY */
    swapped = __sync_bool_compare_and_swap(&flag, 3, 4);
    crace_test_signal(&tried);
    return (void *)swapped;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&tried);
    if (__sync_fetch_and_add(&flag, 0) == 0)
        seen = payload; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
