// atom_cas_fail_no_release: a compare-exchange that fails writes nothing,
// so it releases nothing, whatever its success order. T1 writes the
// payload, then CAS(flag: 1 -> 2, release) fails (the flag is 0). T2,
// ordered after it only by uninstr_sync, acquire-loads the flag (still 0)
// and reads the payload: nothing orders that after T1's write. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 26 40
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload;
static atomic_int flag;
static int tried;

static void *producer(void *arg)
{
    int expected = 1;

    payload = 42; /* RACY */
    atomic_compare_exchange_strong_explicit(&flag, &expected, 2, memory_order_release,
                                            memory_order_relaxed);
    crace_test_signal(&tried);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&tried);
    if (atomic_load_explicit(&flag, memory_order_acquire) == 0)
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
