// fd_connect_accept_none: a server thread listens on a loopback TCP socket
// and accepts two connections, one with accept() and one with accept4().
// Each client thread fills its own buffer and then connects; the server
// reads that buffer after the accept returned the client's connection. A
// connect happens before the accept that takes its connection, so the
// buffers are ordered, although no byte ever travels. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

static int listener;
static struct sockaddr_in where;
static long payload[2][4];

static void *client(void *arg)
{
    long me = (long)arg;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    for (int i = 0; i < 4; i++)
        payload[me][i] = me * 10 + i;
    if (s < 0 || connect(s, (struct sockaddr *)&where, sizeof where) != 0)
        return (void *)1;
    char c;
    if (read(s, &c, 1) != 0) /* the server closes without sending */
        return (void *)1;
    close(s);
    return NULL;
}

static void *server(void *arg)
{
    long sum = 0;
    for (int n = 0; n < 2; n++) {
        int c = n == 0 ? accept(listener, NULL, NULL)
                       : accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0)
            return (void *)-1;
        /* which client it was is unknown: both buffers are complete once
         * both have connected, so read them after the second accept */
        if (n == 1)
            for (int k = 0; k < 2; k++)
                for (int i = 0; i < 4; i++)
                    sum += payload[k][i];
        close(c);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t srv, cl[2];
    socklen_t len = sizeof where;
    void *sum;

    listener = socket(AF_INET, SOCK_STREAM, 0);
    where.sin_family = AF_INET;
    where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    where.sin_port = 0;
    if (listener < 0 || bind(listener, (struct sockaddr *)&where, sizeof where) != 0 ||
        listen(listener, 4) != 0 || getsockname(listener, (struct sockaddr *)&where, &len) != 0)
        return 1;
    pthread_create(&srv, NULL, server, NULL); /* CREATE */
    for (long i = 0; i < 2; i++)
        pthread_create(&cl[i], NULL, client, (void *)i); /* CREATE */
    for (int i = 0; i < 2; i++)
        pthread_join(cl[i], NULL);
    pthread_join(srv, &sum);
    close(listener);
    return (long)sum == 0 + 1 + 2 + 3 + 10 + 11 + 12 + 13 ? 0 : 1;
}
