// lock_objects_init_race: T1 initializes a read-write lock, a spinlock, a
// semaphore and a condition variable; T2 then uses each of them, with
// nothing ordering its calls after the inits (uninstr_sync only puts them
// later in real time). Each init writes its object and each use reads it:
// four races, one per object.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 38 27
// RACE-LINES: 40 28
// RACE-LINES: 42 29
// RACE-LINES: 43 30
// LINK: uninstr_sync
#include <pthread.h>
#include <semaphore.h>

#include "uninstr_sync.h"

pthread_rwlock_t rw;
pthread_spinlock_t spin;
sem_t sem;
pthread_cond_t cond;
static int initialized;

static void *initializer(void *arg)
{
    pthread_rwlock_init(&rw, NULL);                    /* RACY */
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE); /* RACY */
    sem_init(&sem, 0, 0);                              /* RACY */
    pthread_cond_init(&cond, NULL);                    /* RACY */
    crace_test_signal(&initialized);
    return arg;
}

static void *user(void *arg)
{
    crace_test_wait(&initialized);
    pthread_rwlock_rdlock(&rw); /* RACY */
    pthread_rwlock_unlock(&rw);
    pthread_spin_lock(&spin); /* RACY */
    pthread_spin_unlock(&spin);
    sem_post(&sem);               /* RACY */
    pthread_cond_broadcast(&cond); /* RACY */
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, initializer, NULL); /* CREATE */
    pthread_create(&t2, NULL, user, NULL);        /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_rwlock_destroy(&rw);
    pthread_spin_destroy(&spin);
    sem_destroy(&sem);
    pthread_cond_destroy(&cond);
    return 0;
}
