// libc_strftime_field_race: T1 sets tm_mday of a shared struct tm; T2 then
// formats it with strftime("%d"), which reads tm_mday: race. T2's first
// strftime("%H:%M") reads tm_hour and tm_min only (and tm_zone, read on
// every call), not tm_mday: that one does not race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 35
// RACE-FUNCS: setter formatter
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

static struct tm shared = {.tm_year = 120, .tm_mon = 5, .tm_hour = 7, .tm_min = 30};
static int set;

static void *setter(void *arg)
{
    shared.tm_mday = 14; /* RACY */
    crace_test_signal(&set);
    return arg;
}

static void *formatter(void *arg)
{
    char buf[32];
    size_t n;

    (void)arg;
    crace_test_wait(&set);
    n = strftime(buf, sizeof buf, "%H:%M", &shared);
    n += strftime(buf, sizeof buf, "%d", &shared); /* RACY */
    return (void *)n;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, setter, NULL);    /* CREATE */
    pthread_create(&t2, NULL, formatter, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
