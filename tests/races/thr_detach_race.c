// thr_detach_race: main detaches the child, waits (invisibly, uninstr_sync)
// until the child has written `result`, and reads it. A detached thread's
// writes are ordered with nothing without other synchronization. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 19 32
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long result; /* long: alone in its 8-byte shadow granule */
static int written;

static void *child(void *arg)
{
    result = 42; /* RACY */
    crace_test_signal(&written);
    return arg;
}

int main(void)
{
    pthread_t t;
    int v;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    pthread_detach(t);
    crace_test_wait(&written);
    v = result; /* RACY */
    return v == 42 ? 0 : 1;
}
