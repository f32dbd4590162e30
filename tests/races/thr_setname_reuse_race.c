// thr_setname_reuse_race: names belong to threads, not to their slots. T1
// names itself "alpha", writes `a_data` and ends; main joins it, so T3,
// created next, takes over T1's slot. T3 names itself "gamma" and writes
// `c_data`, which main writes later (uninstr_sync). T2, running since the
// start and ordered with nothing, reads `a_data` once T3 is running. Two
// races; each report names the right thread: T1 "alpha" (finished) for
// a_data, T3 "gamma" for c_data.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 36 28
// RACE-LINES: 59 44
// STDERR-HAS: Previous write at
// STDERR-HAS: by thread T1 "alpha":
// STDERR-HAS: by thread T3 "gamma":
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>

#include "uninstr_sync.h"

long a_data, c_data; /* longs: each alone in its 8-byte shadow granule */
static int t3_wrote, t2_read;

static void *t1(void *arg)
{
    pthread_setname_np(pthread_self(), "alpha");
    a_data = 1; /* RACY */
    return arg;
}

static void *t2(void *arg)
{
    crace_test_wait(&t3_wrote);
    __asm__ __volatile__("" ::: "memory");
    long v = a_data; /* RACY */
    crace_test_signal(&t2_read);
    return (void *)v;
}

static void *t3(void *arg)
{
    pthread_setname_np(pthread_self(), "gamma");
    c_data = 3; /* RACY */
    crace_test_signal(&t3_wrote);
    crace_test_wait(&t2_read);
    return arg;
}

int main(void)
{
    pthread_t a, b, c;

    pthread_create(&a, NULL, t1, NULL); /* CREATE */
    pthread_create(&b, NULL, t2, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_create(&c, NULL, t3, NULL); /* CREATE */
    crace_test_wait(&t3_wrote);
    c_data = 4; /* RACY */
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
