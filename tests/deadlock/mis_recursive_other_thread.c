// mis_recursive_other_thread: main unlocks a recursive mutex T1 holds, and a
// C11 recursive mutex likewise. glibc refuses both (EPERM: they check their
// owner) and nothing is released, but the calls are wrong: two reports.
//
// EXPECT: report
// WARNING: UNLOCK BY NON-OWNER x2
// FRAME-LINES: 20 21 39 40
// LINK: uninstr_sync
#include <pthread.h>
#include <threads.h>

#include "uninstr_sync.h"

static pthread_mutex_t m;
static mtx_t c;
static int locked, done;

static void *holder(void *arg)
{
    pthread_mutex_lock(&m); /* FRAME */
    mtx_lock(&c);           /* FRAME */
    crace_test_signal(&locked);
    crace_test_wait(&done);
    mtx_unlock(&c);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m, &attr);
    mtx_init(&c, mtx_plain | mtx_recursive);
    pthread_t t;
    pthread_create(&t, NULL, holder, NULL); /* CREATE */
    crace_test_wait(&locked);
    int rc1 = pthread_mutex_unlock(&m); /* FRAME */
    int rc2 = mtx_unlock(&c);           /* FRAME */
    crace_test_signal(&done);
    pthread_join(t, NULL);
    return rc1 != 0 && rc2 != thrd_success ? 0 : 1;
}
