// atom_hle: gcc's x86 lock-elision hints ride in the memory-order argument
// (__ATOMIC_HLE_RELEASE | release store, __ATOMIC_HLE_ACQUIRE | acquire
// load: the runtime sees 0x20003 and 0x10002). They change nothing in the
// ordering: message passing, no race. clang lacks the macros: plain orders.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>

#ifdef __ATOMIC_HLE_ACQUIRE
#define MO_ACQUIRE (__ATOMIC_ACQUIRE | __ATOMIC_HLE_ACQUIRE)
#define MO_RELEASE (__ATOMIC_RELEASE | __ATOMIC_HLE_RELEASE)
#else
#define MO_ACQUIRE __ATOMIC_ACQUIRE
#define MO_RELEASE __ATOMIC_RELEASE
#endif

static int payload;
static int flag;

static void *producer(void *arg)
{
    payload = 42;
    __atomic_store_n(&flag, 1, MO_RELEASE);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&flag, MO_ACQUIRE))
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
