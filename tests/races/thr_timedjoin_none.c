// thr_timedjoin_none: a first pthread_timedjoin_np times out (the child is
// held back), a second one with a 10 s deadline succeeds; main then reads
// what the child wrote. A successful timed join orders like a join. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

int result;
static int go;

static struct timespec in_ms(long ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
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
    struct timespec soon = in_ms(1);
    struct timespec later;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    if (pthread_timedjoin_np(t, NULL, &soon) != ETIMEDOUT)
        return 2;
    crace_test_signal(&go);
    later = in_ms(10000);
    if (pthread_timedjoin_np(t, NULL, &later) != 0)
        return 3;
    return result == 42 ? 0 : 1;
}
