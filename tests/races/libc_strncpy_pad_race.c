// libc_strncpy_pad_race: T1 strncpy()s "ab" into a 32-byte buffer with
// n = 32, which zero-pads: it writes all 32 bytes. T2 then reads byte 20,
// far past the copied string, with no synchronization: race with the
// padding. uninstr_sync makes T1 copy first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 34
// RACE-FUNCS: copier reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char buf[32];
static volatile size_t len = 32;
static int copied;

static void *copier(void *arg)
{
    strncpy(buf, "ab", len);
    crace_test_signal(&copied);
    return arg;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&copied);
    seen = buf[20];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, copier, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
