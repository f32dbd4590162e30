// thr_clockjoin_none: glibc's pthread_clockjoin_np (a join with a deadline on
// a chosen clock). A first call times out on CLOCK_MONOTONIC while the child
// is held back; a second with a 10 s deadline succeeds and main reads what
// the child wrote. A successful clock join orders like a join. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

long result;
static int go;

static struct timespec in_ms(clockid_t clock, long ms)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

static void *child(void *arg)
{
    crace_test_wait(&go);
    result = 42;
    return arg;
}

int main(void)
{
    pthread_t t;
    struct timespec soon = in_ms(CLOCK_MONOTONIC, 1);
    struct timespec later;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    if (pthread_clockjoin_np(t, NULL, CLOCK_MONOTONIC, &soon) != ETIMEDOUT)
        return 2;
    crace_test_signal(&go);
    later = in_ms(CLOCK_MONOTONIC, 10000);
    if (pthread_clockjoin_np(t, NULL, CLOCK_MONOTONIC, &later) != 0)
        return 3;
    return result == 42 ? 0 : 1;
}
