// thr_main_exit_race: main creates a worker, writes `shared` and leaves with
// pthread_exit(NULL); the worker reads `shared` (after the write in real
// time, uninstr_sync). Nothing orders them; the worker ends the process. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 31
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long shared; /* long: alone in its 8-byte shadow granule */
static int written;

static void *worker(void *arg)
{
    int v;

    crace_test_wait(&written);
    v = shared; /* RACY */
    return (void *)(long)v;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    shared = 42; /* RACY */
    crace_test_signal(&written);
    pthread_exit(NULL);
}
