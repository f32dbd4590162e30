// libc_gmtime_publish_race: T1 converts a time with gmtime() and publishes
// the returned pointer with a relaxed atomic store (no ordering); T2 loads
// it (relaxed) and reads tm_year through it. gmtime wrote the static
// struct tm it returns, at T1's call: T2's read races with that write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 38
// RACE-FUNCS: converter reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

static struct tm *published;
static int converted;

static void *converter(void *arg)
{
    time_t when = 1234567890;
    struct tm *tm = gmtime(&when); /* RACY */

    (void)arg;
    __atomic_store_n(&published, tm, __ATOMIC_RELAXED);
    crace_test_signal(&converted);
    return NULL;
}

static void *reader(void *arg)
{
    struct tm *tm;

    (void)arg;
    crace_test_wait(&converted);
    tm = __atomic_load_n(&published, __ATOMIC_RELAXED);
    return (void *)(long)tm->tm_year; /* RACY */
}

int main(void)
{
    pthread_t t1, t2;
    void *year;

    pthread_create(&t1, NULL, converter, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);    /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &year);
    return year == (void *)109L ? 0 : 1;
}
