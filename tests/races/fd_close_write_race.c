// fd_close_write_race: T1 writes to a temporary file and to a pipe; main
// then closes both descriptors without joining T1 first (uninstr_sync only
// orders them in real time). Each close races with T1's write on the same
// descriptor: two races, both on a file descriptor.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 42 25
// RACE-LINES: 43 26
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int file_fd, fds[2];
static int written;

static void *writer(void *arg)
{
    if (write(file_fd, "data", 4) != 4 /* RACY */
        || write(fds[1], "p", 1) != 1) /* RACY */
        exit(1);
    crace_test_signal(&written);
    return arg;
}

int main(void)
{
    pthread_t t;
    char path[] = "/tmp/crace_fd_close_write_XXXXXX";

    if ((file_fd = mkstemp(path)) < 0 || pipe(fds) != 0)
        return 1;
    unlink(path);
    pthread_create(&t, NULL, writer, NULL); /* CREATE */
    crace_test_wait(&written);
    close(file_fd); /* RACY */
    close(fds[1]);  /* RACY */
    pthread_join(t, NULL);
    close(fds[0]);
    return 0;
}
