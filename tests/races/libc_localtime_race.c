// libc_localtime_race: T1 and T2 both call localtime(), one after the
// other but unordered. glibc returns one static struct tm to every caller:
// each call writes it, so the two calls race on the caller's side. The
// report is at the two localtime() lines. uninstr_sync orders them in
// real time only.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 38
// RACE-FUNCS: first second
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

static int first_done;

static void *first(void *arg)
{
    time_t when = 1000000000;
    struct tm *tm = localtime(&when); /* RACY */
    long hour = tm->tm_hour;

    (void)arg;
    crace_test_signal(&first_done);
    return (void *)hour;
}

static void *second(void *arg)
{
    time_t when = 1500000000;
    struct tm *tm;

    (void)arg;
    crace_test_wait(&first_done);
    tm = localtime(&when); /* RACY */
    return (void *)(long)tm->tm_min;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
