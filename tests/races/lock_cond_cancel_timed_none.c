// lock_cond_cancel_timed_none: the cancellation of lock_cond_cancel_none
// inside pthread_cond_timedwait (T1) and pthread_cond_clockwait (T2), both
// with a deadline far away, and with the cleanup handler pushed by the
// waiter's caller, two frames out. Each handler updates `count` under the
// mutex glibc locked again for it. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

long count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int never;
static int waiting[2];

static void on_cancel(void *arg)
{
    (void)arg;
    count += 10;
    pthread_mutex_unlock(&m);
}

static void wait_long(long which)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += 3600;
    struct timespec until_rt;
    clock_gettime(CLOCK_REALTIME, &until_rt);
    until_rt.tv_sec += 3600;
    while (!never) {
        if (which == 0)
            pthread_cond_timedwait(&c, &m, &until_rt);
        else
            pthread_cond_clockwait(&c, &m, CLOCK_MONOTONIC, &until);
    }
}

static void locked_wait(long which)
{
    pthread_mutex_lock(&m);
    count++;
    crace_test_signal(&waiting[which]);
    wait_long(which);
    pthread_mutex_unlock(&m);
}

static void *waiter(void *arg)
{
    pthread_cleanup_push(on_cancel, NULL);
    locked_wait((long)arg);
    pthread_cleanup_pop(0);
    return arg;
}

int main(void)
{
    pthread_t t[2];

    for (long i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, waiter, (void *)i); /* CREATE */
        crace_test_wait(&waiting[i]);
    }
    pthread_mutex_lock(&m); /* both wait now */
    count++;
    pthread_mutex_unlock(&m);
    for (int i = 0; i < 2; i++) {
        pthread_cancel(t[i]);
        pthread_join(t[i], NULL);
    }
    pthread_mutex_lock(&m);
    long n = count;
    pthread_mutex_unlock(&m);
    return n == 23 ? 0 : 1;
}
