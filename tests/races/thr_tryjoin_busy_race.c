// thr_tryjoin_busy_race: the child writes `result` and then stays alive;
// main's pthread_tryjoin_np fails with EBUSY and main reads `result` anyway.
// A failed tryjoin creates no happens-before edge. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 37
// RACE-ACCESS: read write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

long result; /* long: alone in its 8-byte shadow granule */
static int written;
static int release;

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
    int v;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    crace_test_wait(&written);
    if (pthread_tryjoin_np(t, NULL) != EBUSY)
        return 2;
    v = result; /* RACY */
    crace_test_signal(&release);
    pthread_join(t, NULL);
    return v == 42 ? 0 : 1;
}
