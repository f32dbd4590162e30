// fd_socketpair_late: the client send()s first and fills the record only
// afterwards; the server recv()s and reads the record. The send orders what
// came before it, not the later store: the server's load races with it.
// Real-time order (store first) comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 27
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>

#include "uninstr_sync.h"

static int sv[2];
static int question;
static int stored;

static void *client(void *arg)
{
    char c = 'q';

    if (send(sv[0], &c, 1, 0) != 1)
        perror("send");
    question = 20; /* too late: after the send() */
    crace_test_signal(&stored);
    return arg;
}

static void *server(void *arg)
{
    char c = 0;

    if (recv(sv[1], &c, 1, 0) != 1)
        perror("recv");
    crace_test_wait(&stored);
    *(int *)arg = question + 22;
    return NULL;
}

int main(void)
{
    pthread_t ct, st;
    int answer = 0;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;
    pthread_create(&st, NULL, server, &answer); /* CREATE */
    pthread_create(&ct, NULL, client, NULL);    /* CREATE */
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    printf("answer = %d\n", answer);
    return 0;
}
