// thr_join_race: the child writes `result`; main reads it after the write in
// real time (uninstr_sync) but before pthread_join. Nothing orders the two
// accesses. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 19 31
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
    crace_test_wait(&written);
    v = result; /* RACY */
    pthread_join(t, NULL);
    return v == 42 ? 0 : 1;
}
