// atom_fence_release_cas: a release fence pairs with any later atomic
// write, a compare-exchange included. T1: payload, release fence, relaxed
// CAS 0 -> 1 (succeeds). T2 acquire-loads until it sees 1 and reads the
// payload: it synchronizes with T1's fence. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_int flag;

static void *producer(void *arg)
{
    int expected = 0;

    payload = 42;
    atomic_thread_fence(memory_order_release);
    atomic_compare_exchange_strong_explicit(&flag, &expected, 1, memory_order_relaxed,
                                            memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&flag, memory_order_acquire))
        sched_yield();
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
