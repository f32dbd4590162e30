// atom_cas_fail_int128: a 128-bit compare-exchange (cmpxchg16b) with
// success order release that fails (T1 expects 1, the flag is 0) releases
// nothing. T2, after it in real time only, acquire-loads the flag (0) and
// reads T1's payload. Nothing orders the two. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 38
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// CFLAGS: -mcx16
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static long payload;
static _Alignas(16) unsigned __int128 flag;
static int tried;

static void *producer(void *arg)
{
    unsigned __int128 expected = 1;

    payload = 42; /* RACY */
    __atomic_compare_exchange_n(&flag, &expected, 2, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
    crace_test_signal(&tried);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&tried);
    if (__atomic_load_n(&flag, __ATOMIC_ACQUIRE) == 0)
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
