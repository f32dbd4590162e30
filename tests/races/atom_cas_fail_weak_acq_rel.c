// atom_cas_fail_weak_acq_rel: an 8-bit compare_exchange_weak with orders
// acq_rel / acquire that fails (T1 expects 5, the flag is 0) is only an
// acquire load: it publishes nothing. T2, after it in real time only,
// takes the flag 0 -> 1 with an acquire CAS that succeeds, reading the
// initial value, and reads T1's payload. Nothing orders the two. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 26 43
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload;
static _Atomic unsigned char flag;
static int tried;

static void *producer(void *arg)
{
    unsigned char expected = 5;

    payload = 42; /* RACY */
    atomic_compare_exchange_weak_explicit(&flag, &expected, 6, memory_order_acq_rel,
                                          memory_order_acquire);
    crace_test_signal(&tried);
    return (void *)(long)expected;
}

static void *consumer(void *arg)
{
    unsigned char expected = 0;
    long seen;

    (void)arg;
    crace_test_wait(&tried);
    while (!atomic_compare_exchange_weak_explicit(&flag, &expected, 1, memory_order_acquire,
                                                  memory_order_acquire))
        expected = 0;
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
