// fd_fcntl_close_race: T1 sets O_NONBLOCK on the pipe's read end with
// fcntl(F_GETFL/F_SETFL) and T2 copies the write end with fcntl(F_DUPFD);
// main closes both originals afterwards in real time, with no
// happens-before edge to either thread. fcntl uses its descriptor, close
// writes it: two races, on the file descriptors.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 51 25
// RACE-LINES: 52 34
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int fds[2];
static int done[2];

static void *nonblock(void *arg)
{
    int fl = fcntl(fds[0], F_GETFL); /* RACY */
    if (fl >= 0)
        fcntl(fds[0], F_SETFL, fl | O_NONBLOCK);
    crace_test_signal(&done[0]);
    return arg;
}

static void *copier(void *arg)
{
    int copy = fcntl(fds[1], F_DUPFD, 50); /* RACY */
    crace_test_signal(&done[1]);
    if (copy >= 0)
        close(copy);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    if (pipe(fds) != 0)
        return 1;
    pthread_create(&t1, NULL, nonblock, NULL); /* CREATE */
    pthread_create(&t2, NULL, copier, NULL);   /* CREATE */
    crace_test_wait(&done[0]);
    crace_test_wait(&done[1]);
    close(fds[0]); /* RACY */
    close(fds[1]); /* RACY */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
