// lock_objects_destroy_race: T1 uses a mutex, a read-write lock, a spinlock
// and a semaphore; main then destroys all four without joining T1 or
// otherwise ordering the destroys after T1's calls (uninstr_sync only puts
// them later in real time). Each destroy writes its object, which T1's calls
// read (the report names the lock, whose read covers the unlock's): four
// races, one per object.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 50 29
// RACE-LINES: 51 31
// RACE-LINES: 52 33
// RACE-LINES: 53 35
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <pthread.h>
#include <semaphore.h>

#include "uninstr_sync.h"

pthread_mutex_t m;
pthread_rwlock_t rw;
pthread_spinlock_t spin;
sem_t sem;
static int used;

static void *user(void *arg)
{
    pthread_mutex_lock(&m); /* RACY */
    pthread_mutex_unlock(&m);
    pthread_rwlock_wrlock(&rw); /* RACY */
    pthread_rwlock_unlock(&rw);
    pthread_spin_lock(&spin); /* RACY */
    pthread_spin_unlock(&spin);
    sem_post(&sem);             /* RACY */
    crace_test_signal(&used);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_mutex_init(&m, NULL);
    pthread_rwlock_init(&rw, NULL);
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    sem_init(&sem, 0, 0);
    pthread_create(&t, NULL, user, NULL); /* CREATE */
    crace_test_wait(&used);
    pthread_mutex_destroy(&m);   /* RACY */
    pthread_rwlock_destroy(&rw); /* RACY */
    pthread_spin_destroy(&spin); /* RACY */
    sem_destroy(&sem);           /* RACY */
    pthread_join(t, NULL);
    return 0;
}
