// thr_main_return_race: a worker writes `shared` without synchronization and
// keeps running; main reads `shared` (after the write in real time,
// uninstr_sync) and returns while the worker is still alive. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 20 33
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long shared; /* long: alone in its 8-byte shadow granule */
static int written;
static int never;

static void *worker(void *arg)
{
    shared = 42; /* RACY */
    crace_test_signal(&written);
    crace_test_wait(&never);
    return arg;
}

int main(void)
{
    pthread_t t;
    int v;

    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&written);
    v = shared; /* RACY */
    return v == 42 ? 0 : 1;
}
