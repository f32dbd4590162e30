// atom_fence_many_loads: an acquire fence pairs with every relaxed read
// since the previous one, however many. T1: payload, release store of the
// flag. T2 waits for the flag with relaxed loads, then makes 32 more
// relaxed loads of other atomics (some of them written with release by
// T1 too), runs an acquire fence and reads the payload. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define OTHERS 32

static long payload;
static atomic_int flag;
static atomic_int others[OTHERS];

static void *producer(void *arg)
{
    for (int i = 0; i < OTHERS; i += 4)
        atomic_store_explicit(&others[i], i, memory_order_release);
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    long sum = 0;

    (void)arg;
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        sched_yield();
    for (int i = 0; i < OTHERS; i++)
        sum += atomic_load_explicit(&others[i], memory_order_relaxed);
    atomic_thread_fence(memory_order_acquire);
    return sum >= 0 ? (void *)payload : NULL;
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
