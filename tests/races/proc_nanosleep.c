// proc_nanosleep: main starts a thread, then stores to a global; the thread
// nanosleep()s 10 ms and sleep(0)s before loading it. Sleeping creates no
// happens-before edge: main's store (after pthread_create) races with the
// thread's load. Real-time order (store first) comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 29 39
// RACE-ACCESS: read write
// STDERR-HAS: by main thread:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "uninstr_sync.h"

int limit;
static int stored;

static void *sleeper(void *arg)
{
    struct timespec ts = {0, 10 * 1000 * 1000};

    nanosleep(&ts, NULL);
    sleep(0);
    crace_test_wait(&stored);
    *(int *)arg = limit;
    return NULL;
}

int main(void)
{
    pthread_t t;
    int got = 0;

    pthread_create(&t, NULL, sleeper, &got); /* CREATE */
    limit = 64;
    crace_test_signal(&stored);
    pthread_join(t, NULL);
    printf("got = %d\n", got);
    return 0;
}
