// libc_strftime_other_field: T1 sets tm_sec of a shared struct tm; T2 then
// formats its date with strftime("%Y-%m-%d %Z"), which reads tm_year,
// tm_mon, tm_mday, tm_isdst, tm_zone and tm_hour, never tm_sec. The
// accesses do not overlap. No race. (uninstr_sync only fixes the order.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

static struct tm shared = {.tm_year = 120, .tm_mon = 5, .tm_mday = 14, .tm_zone = "UTC"};
static int set;

static void *setter(void *arg)
{
    shared.tm_sec = 59;
    crace_test_signal(&set);
    return arg;
}

static void *formatter(void *arg)
{
    char buf[64];

    (void)arg;
    crace_test_wait(&set);
    return (void *)strftime(buf, sizeof buf, "%Y-%m-%d %Z", &shared);
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
