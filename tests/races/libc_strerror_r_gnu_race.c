// libc_strerror_r_gnu_race: the GNU strerror_r() returns a constant
// message for a known error number and leaves the buffer alone, but
// formats "Unknown error N" into the buffer for an unknown one. T1 calls
// it both ways on two shared buffers; T2 then reads the first byte of
// each: only the buffer strerror_r wrote races.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 41
// RACE-FUNCS: filler reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char known[64] = "untouched";
static char unknown[64];
static int filled;

static void *filler(void *arg)
{
    char *a = strerror_r(ENOENT, known, sizeof known);
    char *b = strerror_r(123456, unknown, sizeof unknown); /* RACY */

    (void)arg;
    crace_test_signal(&filled);
    return (void *)(long)(a[0] + b[0]);
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&filled);
    seen = known[0];
    seen += unknown[0]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, filler, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
