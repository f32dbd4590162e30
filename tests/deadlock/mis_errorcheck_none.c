// mis_errorcheck_none: an error-checking mutex returns EDEADLK when its
// owner locks it again and EPERM when a thread that does not own it (or an
// unlocked one) is unlocked; the program checks those codes and acts on
// them. crace does not report what the program asked the mutex to refuse.
// Likewise a read-write lock's write lock by its writer (EDEADLK).
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_mutex_t m;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int held, checked;

/* Lock m unless this thread has it already: 1 if it took it now. */
static int lock_once(void)
{
    int rc = pthread_mutex_lock(&m);
    return rc == 0;
}

static void *owner(void *arg)
{
    int took = lock_once();
    int again = lock_once(); /* EDEADLK: already ours */
    crace_test_signal(&held);
    crace_test_wait(&checked);
    if (took)
        pthread_mutex_unlock(&m);
    if (pthread_mutex_unlock(&m) != EPERM) /* no longer ours */
        return (void *)1;
    pthread_rwlock_wrlock(&rw);
    int rc = pthread_rwlock_wrlock(&rw); /* EDEADLK */
    pthread_rwlock_unlock(&rw);
    return (void *)(long)(again || rc != EDEADLK);
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_t t;
    void *bad;
    pthread_create(&t, NULL, owner, NULL); /* CREATE */
    crace_test_wait(&held);
    int rc = pthread_mutex_unlock(&m); /* EPERM: T1's */
    crace_test_signal(&checked);
    pthread_join(t, &bad);
    pthread_mutex_destroy(&m);
    return rc == EPERM && !bad ? 0 : 1;
}
