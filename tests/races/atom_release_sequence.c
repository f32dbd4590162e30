// atom_release_sequence: T1 writes the payload and release-stores 1; T2
// waits for the 1 with relaxed loads and bumps it to 2 with a relaxed
// fetch_add; T3 acquire-loads until it sees 2. The RMW continues T1's
// release sequence, so T3 synchronizes with T1. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static int payload;
static atomic_int stage;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&stage, 1, memory_order_release);
    return arg;
}

static void *relay(void *arg)
{
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 1)
        sched_yield();
    atomic_fetch_add_explicit(&stage, 1, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (atomic_load_explicit(&stage, memory_order_acquire) != 2)
        sched_yield();
    return (void *)(long)payload;
}

int main(void)
{
    pthread_t t1, t2, t3;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, relay, NULL);    /* CREATE */
    pthread_create(&t3, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, &seen);
    return seen == (void *)42L ? 0 : 1;
}
