// fd_udp_none: two UDP sockets on the loopback interface. The sender fills a
// buffer, then sends one datagram with sendto(); the receiver's recvfrom()
// returns it and only then reads the buffer; the reply goes back the same
// way with sendmsg()/recvmsg(). Data sent through a socket happens before
// the receive that gets it. No race.
//
// EXPECT: none
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int a, b;
static struct sockaddr_in addr_a, addr_b;
static long request[4], reply[4];

static void *receiver(void *arg)
{
    char c;
    struct sockaddr_in from;
    socklen_t len = sizeof from;
    long sum = 0;
    if (recvfrom(b, &c, 1, 0, (struct sockaddr *)&from, &len) != 1)
        return (void *)-1;
    for (int i = 0; i < 4; i++) {
        sum += request[i];
        reply[i] = request[i] * 2;
    }
    struct iovec iov = {.iov_base = &c, .iov_len = 1};
    struct msghdr msg = {.msg_name = &addr_a, .msg_namelen = sizeof addr_a, .msg_iov = &iov,
                         .msg_iovlen = 1};
    if (sendmsg(b, &msg, 0) != 1)
        return (void *)-1;
    return (void *)sum;
}

static int bound(struct sockaddr_in *where)
{
    socklen_t len = sizeof *where;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    where->sin_family = AF_INET;
    where->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (struct sockaddr *)where, sizeof *where) != 0 ||
        getsockname(s, (struct sockaddr *)where, &len) != 0)
        return -1;
    return s;
}

int main(void)
{
    pthread_t t;
    void *sum;
    char c = 'q';

    if ((a = bound(&addr_a)) < 0 || (b = bound(&addr_b)) < 0)
        return 1;
    pthread_create(&t, NULL, receiver, NULL); /* CREATE */
    for (int i = 0; i < 4; i++)
        request[i] = i + 1;
    if (sendto(a, &c, 1, 0, (struct sockaddr *)&addr_b, sizeof addr_b) != 1)
        return 1;
    struct iovec iov = {.iov_base = &c, .iov_len = 1};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    if (recvmsg(a, &msg, 0) != 1)
        return 1;
    long back = reply[0] + reply[1] + reply[2] + reply[3];
    pthread_join(t, &sum);
    close(a);
    close(b);
    return (long)sum == 10 && back == 20 ? 0 : 1;
}
