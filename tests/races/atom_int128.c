// atom_int128: message passing through a 128-bit flag (__atomic_store_n /
// __atomic_load_n on unsigned __int128: gcc always emits __tsan_atomic128_*,
// clang only with -mcx16). Release store, acquire load. No race.
//
// EXPECT: none
// CFLAGS: -mcx16
#include <pthread.h>
#include <sched.h>

static int payload;
static _Alignas(16) unsigned __int128 flag;

static void *producer(void *arg)
{
    payload = 42;
    __atomic_store_n(&flag, (unsigned __int128)1 << 100, __ATOMIC_RELEASE);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&flag, __ATOMIC_ACQUIRE) == 0)
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
