// mis_destroy_locked: a thread destroys a mutex it still holds (glibc
// refuses with EBUSY; the call is wrong all the same), and main destroys a
// read-write lock that T1 holds for reading. Two reports, each with where
// the lock was taken.
//
// EXPECT: report
// WARNING: DESTROY OF LOCKED MUTEX x2
// FRAME-LINES: 24 25 28 41
// STDERR-HAS: Mutex M1 acquired by thread T1 here:
// LINK: uninstr_sync
#include <pthread.h>
#include <semaphore.h>

#include "uninstr_sync.h"

static pthread_rwlock_t rw;
static sem_t reading; /* orders T1's read lock before main's destroy */
static int destroyed;

static void *reader(void *arg)
{
    pthread_mutex_t m;
    pthread_mutex_init(&m, NULL);
    pthread_mutex_lock(&m);    /* FRAME */
    pthread_mutex_destroy(&m); /* FRAME */
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m);
    pthread_rwlock_rdlock(&rw); /* FRAME */
    sem_post(&reading);
    crace_test_wait(&destroyed);
    return arg;
}

int main(void)
{
    pthread_rwlock_init(&rw, NULL);
    sem_init(&reading, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL); /* CREATE */
    sem_wait(&reading);
    pthread_rwlock_destroy(&rw); /* FRAME */
    crace_test_signal(&destroyed);
    pthread_join(t, NULL);
    return 0;
}
