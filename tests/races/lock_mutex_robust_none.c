// lock_mutex_robust_none: T1 locks a robust mutex, writes `state` and exits
// still holding it; main's pthread_mutex_lock returns EOWNERDEAD, main calls
// pthread_mutex_consistent and reads `state` (no join before that). The dead
// owner's hand-over orders its writes like an unlock. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

int state;
static pthread_mutex_t m;
static int locked;

static void *owner(void *arg)
{
    pthread_mutex_lock(&m);
    crace_test_signal(&locked);
    state = 42;
    return arg; /* dies holding m */
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t t;
    int rc;
    int v;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&m, &attr);
    pthread_create(&t, NULL, owner, NULL); /* CREATE */
    crace_test_wait(&locked);
    rc = pthread_mutex_lock(&m); /* returns when the owner has died */
    if (rc != EOWNERDEAD)
        return 2;
    pthread_mutex_consistent(&m);
    v = state;
    state = 0;
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return v == 42 ? 0 : 1;
}
