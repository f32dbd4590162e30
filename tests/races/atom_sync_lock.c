// atom_sync_lock: a spinlock made of __sync_lock_test_and_set (an acquire
// exchange) and __sync_lock_release (a release store of 0). Two threads
// bump a plain counter only while holding it, so each bump happens before
// the next holder's. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>

#define ROUNDS 1000

static int lock_word;
static long counter;

static void *worker(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        while (__sync_lock_test_and_set(&lock_word, 1))
            sched_yield();
        counter++;
        __sync_lock_release(&lock_word);
    }
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, worker, NULL); /* CREATE */
    pthread_create(&t2, NULL, worker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return counter == 2 * ROUNDS ? 0 : 1;
}
