// atom_cas_fail_acquire: a failed compare-exchange is a load with the
// failure order. T2 runs CAS(0 -> 0) with success order release (which
// does not acquire) and failure order acquire while the flag is 0; once T1
// has release-stored 1 the CAS fails, reading it with acquire. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static int payload;
static atomic_int flag;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    int expected = 0;

    (void)arg;
    while (atomic_compare_exchange_strong_explicit(&flag, &expected, 0, memory_order_release,
                                                   memory_order_acquire))
        sched_yield();
    return (void *)(long)payload;
}

int main(void)
{
    pthread_t t1, t2;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &seen);
    return seen == (void *)42L ? 0 : 1;
}
