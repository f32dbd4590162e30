// atom_fence_int128: fences with 128-bit atomics. T1: payload, release
// fence, relaxed 128-bit store. T2 repeats a relaxed 128-bit
// compare-exchange 0 -> 0 while it succeeds; the failure read T1's value.
// Then an acquire fence and the payload read. No race.
//
// EXPECT: none
// CFLAGS: -mcx16
#include <pthread.h>
#include <sched.h>

static long payload;
static _Alignas(16) unsigned __int128 flag;

static void *producer(void *arg)
{
    payload = 42;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    __atomic_store_n(&flag, (unsigned __int128)1 << 100, __ATOMIC_RELAXED);
    return arg;
}

static void *consumer(void *arg)
{
    unsigned __int128 expected = 0;

    (void)arg;
    while (__atomic_compare_exchange_n(&flag, &expected, 0, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        sched_yield();
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
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
