// atom_hle_spinlock: a spinlock with gcc's lock-elision hints, which ride in
// the memory-order argument: lock = acquire exchange | HLE_ACQUIRE, unlock
// = release store | HLE_RELEASE; each holder also counts its turns with a
// release fetch_add | HLE_RELEASE. Three threads increment a counter under
// the lock. No race. clang lacks the macros: plain orders.
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

#define THREADS 3
#define ROUNDS 2000

static int lock;
static long turns;
static long counter;

static void *worker(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        while (__atomic_exchange_n(&lock, 1, MO_ACQUIRE))
            sched_yield();
        counter++;
        __atomic_fetch_add(&turns, 1, MO_RELEASE);
        __atomic_store_n(&lock, 0, MO_RELEASE);
    }
    return arg;
}

int main(void)
{
    pthread_t t[THREADS];

    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return counter == THREADS * ROUNDS && turns == THREADS * ROUNDS ? 0 : 1;
}
