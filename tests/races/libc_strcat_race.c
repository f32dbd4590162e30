// libc_strcat_race: the buffer holds "abc"; T1 strcat()s "defg" onto it,
// writing bytes 3-7; T2 then reads byte 5 with no synchronization: race.
// uninstr_sync makes T1 append first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 33
// RACE-FUNCS: appender reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char buf[32] = "abc";
static char suffix[8] = "defg";
static int appended;

static void *appender(void *arg)
{
    strcat(buf, suffix);
    crace_test_signal(&appended);
    return arg;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&appended);
    seen = buf[5];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, appender, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
