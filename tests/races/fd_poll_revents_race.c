// fd_poll_revents_race: T1 reads the revents of a pollfd array entry; later
// in real time (no edge) main polls the array, and the kernel rewrites every
// revents. T2 reads a word of an fd_set that main then passes to select,
// which rewrites it. poll and select write the caller's arrays: two races.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 54 25
// RACE-LINES: 56 32
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <poll.h>
#include <pthread.h>
#include <sys/select.h>
#include <unistd.h>

#include "uninstr_sync.h"

static struct pollfd pfds[2];
static fd_set readable;
static int done[2];

static void *revents_reader(void *arg)
{
    long r = pfds[1].revents; /* RACY */
    crace_test_signal(&done[0]);
    return (void *)r;
}

static void *set_reader(void *arg)
{
    long r = FD_ISSET(3, &readable); /* RACY */
    crace_test_signal(&done[1]);
    return (void *)r;
}

int main(void)
{
    int fds[2];
    struct timeval zero = {0, 0};
    pthread_t t1, t2;

    if (pipe(fds) != 0 || write(fds[1], "x", 1) != 1)
        return 2;
    pfds[0].fd = fds[1];
    pfds[0].events = POLLOUT;
    pfds[1].fd = fds[0];
    pfds[1].events = POLLIN;
    FD_SET(fds[0], &readable);
    pthread_create(&t1, NULL, revents_reader, NULL); /* CREATE */
    pthread_create(&t2, NULL, set_reader, NULL);     /* CREATE */
    crace_test_wait(&done[0]);
    crace_test_wait(&done[1]);
    if (poll(pfds, 2, 0) != 2) /* RACY */
        return 3;
    if (select(fds[0] + 1, &readable, NULL, NULL, &zero) != 1) /* RACY */
        return 4;
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
