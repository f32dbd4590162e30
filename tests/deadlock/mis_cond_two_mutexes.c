// mis_cond_two_mutexes: T1 waits on a condition variable with mutex m1;
// while it waits, T2 waits on the same condition variable with m2. POSIX
// leaves that undefined (glibc may lose wake-ups). Reported at T2's wait,
// with where T1 waits.
//
// EXPECT: report
// WARNING: CONDITION VARIABLE WITH TWO MUTEXES x1
// FRAME-LINES: 26 44
// STDERR-HAS: Also waited on with mutex M2 by thread T1 here:
// LINK: uninstr_sync
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
static int go, first_waiting, second_waited;

static void *first(void *arg)
{
    pthread_mutex_lock(&m1);
    crace_test_signal(&first_waiting); /* T1 is about to wait (holding m1 until then) */
    while (!go)
        pthread_cond_wait(&cv, &m1); /* FRAME */
    pthread_mutex_unlock(&m1);
    return arg;
}

static void *second(void *arg)
{
    struct timespec ts;
    crace_test_wait(&first_waiting);
    pthread_mutex_lock(&m1); /* T1 is in its wait once m1 is free */
    pthread_mutex_unlock(&m1);
    pthread_mutex_lock(&m2);
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 10 * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&cv, &m2, &ts); /* FRAME */
    pthread_mutex_unlock(&m2);
    crace_test_signal(&second_waited);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    crace_test_wait(&second_waited);
    pthread_mutex_lock(&m1);
    go = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m1);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
