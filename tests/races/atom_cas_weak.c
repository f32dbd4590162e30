// atom_cas_weak: T1 writes the payload and release-stores a 32-bit flag to
// 1; T2 loops on atomic_compare_exchange_weak(1 -> 2) with acquire on
// success until it takes the 1, then reads the payload. The successful CAS
// reads the release store, so they synchronize. No race.
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
    int expected = 1;

    (void)arg;
    while (!atomic_compare_exchange_weak_explicit(&flag, &expected, 2, memory_order_acquire,
                                                  memory_order_relaxed)) {
        expected = 1;
        sched_yield();
    }
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
