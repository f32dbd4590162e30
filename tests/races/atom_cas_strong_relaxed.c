// atom_cas_strong_relaxed: the spinlock of atom_cas_strong built from a
// relaxed compare_exchange_strong and a relaxed store. It still excludes,
// but orders nothing: T2's read of the counter under the lock races with
// T1's write under the lock. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 41 54
// RACE-FUNCS: first second
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static atomic_ullong owner;
static long counter;
static int first_done;

static void lock(unsigned long long me)
{
    unsigned long long expected = 0;

    while (!atomic_compare_exchange_strong_explicit(&owner, &expected, me, memory_order_relaxed,
                                                    memory_order_relaxed)) {
        expected = 0;
        sched_yield();
    }
}

static void unlock(void)
{
    atomic_store_explicit(&owner, 0, memory_order_relaxed);
}

static void *first(void *arg)
{
    lock(1);
    counter = 1;
    unlock();
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&first_done);
    lock(2);
    seen = counter;
    unlock();
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
