// thr_setname_race: main names its two workers with pthread_setname_np
// ("stats-in" and "stats-out": words found nowhere else in this file's
// identifiers); they race on `total`. The report must call each thread by
// its name, in the access lines and in the thread blocks. Real-time order
// comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 26
// STDERR-HAS: by thread T2 "stats-out":
// STDERR-HAS: by thread T1 "stats-in":
// STDERR-HAS: Thread T2 "stats-out" (running) created at:
// STDERR-HAS: Thread T1 "stats-in" (finished) created at:
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>

#include "uninstr_sync.h"

long total; /* long: alone in its 8-byte shadow granule */
static int named, added;

static void *producer(void *arg)
{
    crace_test_wait(&named);
    total = 5; /* RACY */
    crace_test_signal(&added);
    return arg;
}

static void *consumer(void *arg)
{
    crace_test_wait(&added);
    return (void *)(total * 2); /* RACY */
}

int main(void)
{
    pthread_t p, c;

    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_setname_np(p, "stats-in");
    pthread_setname_np(c, "stats-out");
    crace_test_signal(&named);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
