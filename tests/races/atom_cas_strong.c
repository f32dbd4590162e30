// atom_cas_strong: a spinlock on a 64-bit atomic. lock() is a seq_cst
// atomic_compare_exchange_strong from 0 to the owner's id, unlock() a
// seq_cst store of 0. Both threads bump a plain counter only while holding
// the lock, so every bump happens before the next one. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define ROUNDS 1000

static atomic_ullong owner;
static long counter;

static void lock(unsigned long long me)
{
    unsigned long long expected = 0;

    while (!atomic_compare_exchange_strong(&owner, &expected, me)) {
        expected = 0;
        sched_yield();
    }
}

static void unlock(void)
{
    atomic_store(&owner, 0);
}

static void *worker(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        lock((unsigned long long)(long)arg);
        counter++;
        unlock();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, worker, (void *)1L); /* CREATE */
    pthread_create(&t2, NULL, worker, (void *)2L); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return counter == 2 * ROUNDS ? 0 : 1;
}
