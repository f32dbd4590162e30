// fd_pipe_late: like fd_pipe, but the writer fills the payload only AFTER its
// write() to the pipe. The pipe orders what came before the write, not what
// comes after, so the reader's load races with the store. Real-time order
// (store first) comes from uninstr_sync, invisible to crace.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 27
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int fds[2];
static int payload;
static int stored;

static void *writer(void *arg)
{
    char c = 'p';

    if (write(fds[1], &c, 1) != 1)
        perror("write");
    payload = 42; /* too late: after the write() */
    crace_test_signal(&stored);
    return arg;
}

static void *reader(void *arg)
{
    char c = 0;

    if (read(fds[0], &c, 1) != 1)
        perror("read");
    crace_test_wait(&stored);
    *(int *)arg = payload;
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    int got = 0;

    if (pipe(fds) != 0)
        return 1;
    pthread_create(&r, NULL, reader, &got); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    printf("got = %d\n", got);
    return 0;
}
