// libc_ctime_asctime_race: T1 formats a time with ctime(), T2 (later,
// unordered) with asctime() of its own struct tm. Both return glibc's one
// static string buffer, each call writing it: race at the two call lines.
// (ctime also writes localtime's static struct tm, which asctime does not
// touch.)
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 36
// RACE-FUNCS: with_ctime with_asctime
// LINK: uninstr_sync
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

static int first_done;

static void *with_ctime(void *arg)
{
    time_t when = 86400 * 365;
    char *text = ctime(&when); /* RACY */

    (void)arg;
    crace_test_signal(&first_done);
    return (void *)(long)text[0];
}

static void *with_asctime(void *arg)
{
    struct tm tm = {.tm_year = 100, .tm_mon = 1, .tm_mday = 2, .tm_hour = 3};
    char *text;

    (void)arg;
    crace_test_wait(&first_done);
    text = asctime(&tm); /* RACY */
    return (void *)(long)text[1];
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, with_ctime, NULL);   /* CREATE */
    pthread_create(&t2, NULL, with_asctime, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
