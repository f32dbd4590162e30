// atom_sync_lock_peek: T1 takes the __sync_lock_test_and_set spinlock,
// writes the counter and releases it with __sync_lock_release. T2 does not
// take the lock: it only checks with a relaxed load that the lock is free,
// then reads the counter. A release with no acquire orders nothing: race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 38
// RACE-FUNCS: holder peeker
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>

#include "uninstr_sync.h"

static int lock_word;
static long counter;
static int released;

static void *holder(void *arg)
{
    while (__sync_lock_test_and_set(&lock_word, 1))
        sched_yield();
    counter = 1;
    __sync_lock_release(&lock_word);
    crace_test_signal(&released);
    return arg;
}

static void *peeker(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&released);
    if (__atomic_load_n(&lock_word, __ATOMIC_RELAXED) == 0)
        seen = counter;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, holder, NULL); /* CREATE */
    pthread_create(&t2, NULL, peeker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
