// fd_epoll_none: an event loop thread waits in epoll_wait; the main thread
// creates a connection record on the heap, fills it, registers a pipe with
// the record's address as the event's data (epoll_ctl) and writes a byte.
// The loop takes the record from the event and reads it without reading the
// pipe first. Registering happens before the wait that reports it, so the
// record is ordered. Three records, one after the other. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

struct conn {
    int fd;
    long id;
    long data[4];
};

static int ep;

static void *loop(void *arg)
{
    long sum = 0;
    for (int seen = 0; seen < 3;) {
        struct epoll_event ev;
        int n = epoll_wait(ep, &ev, 1, 5000);
        if (n != 1)
            return (void *)-1;
        struct conn *c = ev.data.ptr;
        sum += c->id + c->data[0] + c->data[3];
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
        seen++;
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t;
    int fds[3][2];
    struct conn *conns[3];
    void *sum;

    ep = epoll_create1(0);
    if (ep < 0)
        return 1;
    pthread_create(&t, NULL, loop, NULL); /* CREATE */
    for (int i = 0; i < 3; i++) {
        if (pipe(fds[i]) != 0)
            return 1;
        conns[i] = malloc(sizeof *conns[i]);
        conns[i]->fd = fds[i][0];
        conns[i]->id = i;
        for (int k = 0; k < 4; k++)
            conns[i]->data[k] = 100 * i + k;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.ptr = conns[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i][0], &ev) != 0 || write(fds[i][1], "e", 1) != 1)
            return 1;
        usleep(2000);
    }
    pthread_join(t, &sum);
    for (int i = 0; i < 3; i++) {
        close(fds[i][0]);
        close(fds[i][1]);
        free(conns[i]);
    }
    close(ep);
    return (long)sum == (0 + 3) + (1 + 100 + 103) + (2 + 200 + 203) ? 0 : 1;
}
