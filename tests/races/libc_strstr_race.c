// libc_strstr_race: T1 stores into byte 10 of a string; T2 then searches
// it with strstr() for a needle that is not there, so strstr reads the
// whole string, byte 10 included, with no synchronization: race.
// uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 32
// RACE-FUNCS: writer searcher
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char hay[32] = "the quick brown fox";
static char needle[8] = "zebra";
static int written;

static void *writer(void *arg)
{
    hay[10] = 'B';
    crace_test_signal(&written);
    return arg;
}

static void *searcher(void *arg)
{
    (void)arg;
    crace_test_wait(&written);
    return strstr(hay, needle);
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL);   /* CREATE */
    pthread_create(&t2, NULL, searcher, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
