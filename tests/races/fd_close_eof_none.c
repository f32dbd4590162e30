// fd_close_eof_none: the writer fills a buffer and closes the pipe's write
// end without writing anything; the reader's read() returns 0 (end of data)
// and only then reads the buffer. The same through a socketpair with
// shutdown(SHUT_WR) instead of close. The end of the data is ordered after
// everything the closing thread did before closing. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

static int pfd[2], sfd[2];
static long via_close[4], via_shutdown[4];

static void *writer(void *arg)
{
    for (int i = 0; i < 4; i++) {
        via_close[i] = i + 1;
        via_shutdown[i] = 10 * (i + 1);
    }
    close(pfd[1]);
    shutdown(sfd[1], SHUT_WR);
    return arg;
}

static void *reader(void *arg)
{
    char c;
    long sum = 0;
    if (read(pfd[0], &c, 1) != 0)
        return (void *)-1;
    for (int i = 0; i < 4; i++)
        sum += via_close[i];
    if (recv(sfd[0], &c, 1, 0) != 0)
        return (void *)-1;
    for (int i = 0; i < 4; i++)
        sum += via_shutdown[i];
    return (void *)sum;
}

int main(void)
{
    pthread_t w, r;
    void *sum;

    if (pipe(pfd) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sfd) != 0)
        return 1;
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, &sum);
    close(pfd[0]);
    close(sfd[0]);
    close(sfd[1]);
    return (long)sum == 110 ? 0 : 1;
}
