// fd_reuse: T1 stores to a buffer, write()s to an old pipe and closes its
// end. T2 closes the other end, creates a NEW pipe (it gets the same two fd
// numbers), talks to itself through it and reads the buffer. The new pipe has
// no history: nothing orders T1's store before T2's load. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 52 29
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int old_fds[2];
static int payload;
static int old_done;

static void die(const char *what)
{
    perror(what);
    _exit(1);
}

static void *old_writer(void *arg)
{
    payload = 7;
    if (write(old_fds[1], "o", 1) != 1)
        die("write old");
    close(old_fds[1]);
    crace_test_signal(&old_done);
    return arg;
}

static void *new_user(void *arg)
{
    int new_fds[2];
    char c = 0;

    crace_test_wait(&old_done);
    close(old_fds[0]);
    if (pipe(new_fds) != 0)
        die("pipe new");
    if (new_fds[0] != old_fds[0] || new_fds[1] != old_fds[1])
        printf("note: fd numbers not reused (%d,%d)\n", new_fds[0], new_fds[1]);
    if (write(new_fds[1], "n", 1) != 1 || read(new_fds[0], &c, 1) != 1)
        die("new pipe");
    close(new_fds[0]);
    close(new_fds[1]);
    *(int *)arg = payload;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int got = 0;

    if (pipe(old_fds) != 0)
        return 1;
    pthread_create(&t1, NULL, old_writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, new_user, &got);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("got = %d\n", got);
    return 0;
}
