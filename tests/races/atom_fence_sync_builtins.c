// atom_fence_sync_builtins: __sync_synchronize (a seq_cst fence) pairs with
// the __sync builtins and with compare-exchanges. T1: payload, barrier,
// __sync_lock_test_and_set (only an acquire exchange: the barrier is what
// publishes). T2 spins on a relaxed CAS 1 -> 2 until it succeeds, then a
// barrier and the payload read. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>

static long payload;
static long flag;

static void *producer(void *arg)
{
    payload = 42;
    __sync_synchronize();
    __sync_lock_test_and_set(&flag, 1);
    return arg;
}

static void *consumer(void *arg)
{
    long expected = 1;

    (void)arg;
    while (
        !__atomic_compare_exchange_n(&flag, &expected, 2, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
        expected = 1;
        sched_yield();
    }
    __sync_synchronize();
    return (void *)payload;
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
