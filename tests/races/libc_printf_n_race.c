// libc_printf_n_race: T1 formats into its own buffer with snprintf, and
// %n stores the count of characters so far into a shared int; T2 then
// reads that int with no synchronization: race with snprintf's write. T2
// also reads a shared string that T1 only passed to %.3s (printf reads
// strings, never writes them): no race there.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 38
// RACE-FUNCS: formatter reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static int count;
static char label[16] = "abcdefgh";
static int formatted;

static void *formatter(void *arg)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%d:%.3s%n;", 1234, label, &count); /* RACY */

    (void)arg;
    crace_test_signal(&formatted);
    return (void *)(long)n;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&formatted);
    seen = count + label[1]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, formatter, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);    /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return count == 8 ? 0 : 1;
}
