// atom_relaxed_then_acquire: a relaxed load of a value followed by an
// acquire load of the same value. T1: payload, release store of the flag.
// T2 spins with relaxed loads until it sees 1 (which gives no edge), then
// acquire-loads the flag once more (still 1: nothing changed in between)
// and reads the payload. The acquire load synchronizes with T1. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_int flag;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (atomic_load_explicit(&flag, memory_order_relaxed) != 1)
        sched_yield();
    if (atomic_load_explicit(&flag, memory_order_acquire) != 1)
        return NULL;
    return (void *)payload;
}

int main(void)
{
    pthread_t t1, t2;
    void *seen;

    atomic_store_explicit(&flag, 0, memory_order_release); /* the flag has a sync object */
    pthread_create(&t1, NULL, producer, NULL);             /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL);             /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &seen);
    return seen == (void *)42L ? 0 : 1;
}
