// thr_create_fail_race: 300 pthread_create calls fail (EAGAIN: a stack of
// 32 TiB cannot be mapped) and must leave nothing behind: no thread, no
// ordering, no T number. Then T1 really starts and writes `shared`, which
// main writes too, later in real time (uninstr_sync). One race, between
// main and T1.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 47 23
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1:
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

long shared; /* long: alone in its 8-byte shadow granule */
static int written;

static void *child(void *arg)
{
    shared = 1; /* RACY */
    crace_test_signal(&written);
    return arg;
}

int main(void)
{
    pthread_attr_t huge;
    pthread_t t;
    int failed = 0;

    pthread_attr_init(&huge);
    if (pthread_attr_setstacksize(&huge, (size_t)1 << 45) != 0)
        return 3;
    for (int i = 0; i < 300; i++) {
        int rc = pthread_create(&t, &huge, child, NULL); /* CREATE */
        if (rc == 0)
            return 4;
        failed += rc == EAGAIN || rc == ENOMEM;
    }
    if (failed != 300)
        return 5;
    pthread_create(&t, NULL, child, NULL); /* CREATE */
    crace_test_wait(&written);
    shared = 2; /* RACY */
    pthread_join(t, NULL);
    return 0;
}
