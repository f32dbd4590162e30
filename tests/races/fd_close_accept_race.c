// fd_close_accept_race: T1 blocks in accept() on a listening socket; main
// shuts the socket down (which wakes T1 with an error) and closes it,
// without joining T1 first. The close races with the accept's use of the
// descriptor (a classic shutdown bug: the number may already belong to
// another file when accept looks at it). One race, on the file descriptor.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 47 27
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int listener;
static int accepting;

static void *acceptor(void *arg)
{
    crace_test_signal(&accepting);
    int c = accept(listener, NULL, NULL); /* RACY */
    if (c >= 0)
        close(c);
    return arg;
}

int main(void)
{
    pthread_t t;
    struct sockaddr_in where = {.sin_family = AF_INET};

    where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&where, sizeof where) != 0 ||
        listen(listener, 1) != 0)
        return 1;
    pthread_create(&t, NULL, acceptor, NULL); /* CREATE */
    crace_test_wait(&accepting);
    usleep(50000); /* T1 is inside accept by now */
    shutdown(listener, SHUT_RDWR);
    close(listener); /* RACY */
    pthread_join(t, NULL);
    return 0;
}
