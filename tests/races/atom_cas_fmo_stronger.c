// atom_cas_fmo_stronger: the failure order may be stronger than the success
// order (C++17; gcc warns but passes it on). T2 repeats CAS 0 -> 0 with
// success order relaxed and failure order acquire while it succeeds; the
// failure read T1's release-stored 1 with acquire. No race.
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
    int expected = 0;

    (void)arg;
    while (__atomic_compare_exchange_n((int *)&flag, &expected, 0, 0, __ATOMIC_RELAXED,
                                       __ATOMIC_ACQUIRE))
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
