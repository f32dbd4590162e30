// thr_clockjoin_timeout_race: the child writes `result` and stays alive;
// main's pthread_clockjoin_np on CLOCK_MONOTONIC times out after 20 ms and
// main reads `result` anyway. A clock join that fails creates no
// happens-before edge. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 55
// RACE-ACCESS: read write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

long result; /* long: alone in its 8-byte shadow granule */
static int written;
static int release;

static struct timespec in_ms(long ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
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
    result = 42; /* RACY */
    crace_test_signal(&written);
    crace_test_wait(&release);
    return arg;
}

int main(void)
{
    pthread_t t;
    struct timespec deadline;
    int v;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    crace_test_wait(&written);
    deadline = in_ms(20);
    if (pthread_clockjoin_np(t, NULL, CLOCK_MONOTONIC, &deadline) != ETIMEDOUT)
        return 2;
    v = result; /* RACY */
    crace_test_signal(&release);
    pthread_join(t, NULL);
    return v == 42 ? 0 : 1;
}
