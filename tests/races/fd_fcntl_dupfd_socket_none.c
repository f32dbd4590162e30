// fd_fcntl_dupfd_socket_none: three workers each own a socketpair; each
// worker fills a message buffer and sends its length through a copy of its
// end made with fcntl(F_DUPFD, 100) (the lowest free number >= 100) and
// then closes the copy. Main receives on the other ends and reads the
// buffers. A copy of a socket carries the same channel. No race.
//
// EXPECT: none
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#define WORKERS 3

static int pairs[WORKERS][2];
static char msgs[WORKERS][64];

static void *worker(void *arg)
{
    long i = (long)arg;
    int copy = fcntl(pairs[i][1], F_DUPFD, 100);
    int n = 0;

    if (copy < 100)
        return (void *)1;
    for (; n < 40; n++)
        msgs[i][n] = (char)('a' + i);
    if (send(copy, &n, sizeof n, 0) != sizeof n)
        return (void *)1;
    close(copy);
    return 0;
}

int main(void)
{
    pthread_t t[WORKERS];
    int sum = 0;

    for (int i = 0; i < WORKERS; i++)
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pairs[i]) != 0)
            return 2;
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < WORKERS; i++) {
        int n = 0;
        if (recv(pairs[i][0], &n, sizeof n, 0) != sizeof n)
            return 3;
        for (int k = 0; k < n; k++)
            sum += msgs[i][k] == 'a' + i;
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    return sum == WORKERS * 40 ? 0 : 1;
}
