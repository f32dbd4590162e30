// fd_mmsg_none: two producers each fill a record and then send a datagram
// with sendmmsg (two messages per call) on their own socketpair; main
// receives both with recvmmsg and reads the records and the received
// bytes. sendmmsg/recvmmsg carry the edge like sendmsg/recvmsg. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>

static int pairs[2][2];
static long records[2][4];

static void *producer(void *arg)
{
    long i = (long)arg;
    char a = 'a', b = 'b';
    struct iovec io[2] = {{&a, 1}, {&b, 1}};
    struct mmsghdr m[2];

    for (int k = 0; k < 4; k++)
        records[i][k] = i + k;
    memset(m, 0, sizeof m);
    m[0].msg_hdr.msg_iov = &io[0];
    m[0].msg_hdr.msg_iovlen = 1;
    m[1].msg_hdr.msg_iov = &io[1];
    m[1].msg_hdr.msg_iovlen = 1;
    return (void *)(long)(sendmmsg(pairs[i][1], m, 2, 0) != 2);
}

int main(void)
{
    pthread_t t[2];
    long sum = 0;

    for (int i = 0; i < 2; i++)
        if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pairs[i]) != 0)
            return 2;
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, producer, (void *)i); /* CREATE */
    for (int i = 0; i < 2; i++) {
        char got[2][4];
        struct iovec io[2] = {{got[0], 4}, {got[1], 4}};
        struct mmsghdr m[2];
        int n;

        memset(m, 0, sizeof m);
        m[0].msg_hdr.msg_iov = &io[0];
        m[0].msg_hdr.msg_iovlen = 1;
        m[1].msg_hdr.msg_iov = &io[1];
        m[1].msg_hdr.msg_iovlen = 1;
        n = recvmmsg(pairs[i][0], m, 1, 0, NULL); /* the first datagram is enough */
        if (n != 1 || m[0].msg_len != 1 || got[0][0] != 'a')
            return 3;
        for (int k = 0; k < 4; k++)
            sum += records[i][k];
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return sum == 6 + 10 ? 0 : 1;
}
