// fd_mmsg_buffer_race: T1 writes a byte of `inbox` and T2 a byte of
// `outbox`; later in real time (no edge) main sends `outbox` with sendmmsg
// and receives a datagram into `inbox` with recvmmsg. sendmmsg reads the
// bytes it sends, recvmmsg writes the bytes it receives: two races, one per
// call.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 61 26
// RACE-LINES: 53 33
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>

#include "uninstr_sync.h"

static int sv[2];
static char inbox[64];
static char outbox[64];
static int done[2];

static void *inbox_writer(void *arg)
{
    inbox[0] = 'q'; /* RACY */
    crace_test_signal(&done[0]);
    return arg;
}

static void *outbox_writer(void *arg)
{
    outbox[3] = 'z'; /* RACY */
    crace_test_signal(&done[1]);
    return arg;
}

static struct mmsghdr one(struct iovec *io)
{
    struct mmsghdr m;

    memset(&m, 0, sizeof m);
    m.msg_hdr.msg_iov = io;
    m.msg_hdr.msg_iovlen = 1;
    return m;
}

static int send_outbox(void)
{
    struct iovec io = {outbox, 8};
    struct mmsghdr m = one(&io);

    return sendmmsg(sv[1], &m, 1, 0); /* RACY */
}

static int receive_inbox(void)
{
    struct iovec io = {inbox, sizeof inbox};
    struct mmsghdr m = one(&io);

    return recvmmsg(sv[0], &m, 1, 0, NULL); /* RACY */
}

int main(void)
{
    pthread_t t1, t2;

    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 2;
    pthread_create(&t1, NULL, inbox_writer, NULL);  /* CREATE */
    pthread_create(&t2, NULL, outbox_writer, NULL); /* CREATE */
    crace_test_wait(&done[0]);
    crace_test_wait(&done[1]);
    if (send_outbox() != 1 || receive_inbox() != 1)
        return 3;
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
