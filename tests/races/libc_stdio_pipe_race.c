// libc_stdio_pipe_race: T1 sends a line through a pipe with fputs() and
// fflush(), and only then sets a value; T2 reads the line with fgets() and
// then reads the value. The pipe orders what T1 did before sending, not
// the store after it: race. (uninstr_sync makes T2 read the value after
// T1 stored it, without ordering them for crace.)
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 28 41
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "uninstr_sync.h"

static long late;
static FILE *out, *in;
static int stored;

static void *producer(void *arg)
{
    (void)arg;
    fputs("ready\n", out);
    fflush(out);
    late = 5; /* RACY */
    crace_test_signal(&stored);
    return NULL;
}

static void *consumer(void *arg)
{
    char buf[32];
    long seen = 0;

    (void)arg;
    if (fgets(buf, sizeof buf, in)) {
        crace_test_wait(&stored);
        seen = late; /* RACY */
    }
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    int fds[2];

    if (pipe(fds) != 0 || !(out = fdopen(fds[1], "w")) || !(in = fdopen(fds[0], "r")))
        return 1;
    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(out);
    fclose(in);
    return 0;
}
