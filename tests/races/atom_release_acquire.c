// atom_release_acquire: message passing on a 32-bit atomic_int. T1 writes
// the payload, then stores the flag with memory_order_release; T2 spins on
// an acquire load of the flag, then reads the payload. The load reads the
// release store, so T1's write happens before T2's read. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static int payload;
static atomic_int ready;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&ready, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&ready, memory_order_acquire))
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
