// atom_fence: fence-to-fence synchronization. T1: payload, release fence,
// relaxed flag store. T2: relaxed flag load sees 1, acquire fence, payload
// read. The release fence synchronizes with the acquire fence. No race.
// (TSan reports a race: it does not model atomic_thread_fence.)
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
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        sched_yield();
    atomic_thread_fence(memory_order_acquire);
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
