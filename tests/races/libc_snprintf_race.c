// libc_snprintf_race: T1 formats into a shared buffer with snprintf(); T2
// then reads byte 2 of the buffer with no synchronization. snprintf writes
// its output (and terminator) into the buffer: race. uninstr_sync makes
// T1 format first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 35
// RACE-FUNCS: formatter reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char buf[32];
static int formatted;

static void *formatter(void *arg)
{
    int n = snprintf(buf, sizeof buf, "%d-%s", 42, "abc");

    (void)arg;
    crace_test_signal(&formatted);
    return (void *)(long)n;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&formatted);
    seen = buf[2];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, formatter, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);    /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
