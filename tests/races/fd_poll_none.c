// fd_poll_none: three workers each fill their message and write a byte to
// their own pipe; main waits with poll on all read ends (and select on the
// same descriptors), reads each ready pipe and then that worker's message.
// poll and select touch only the caller's arrays; the read is the edge. No
// race.
//
// EXPECT: none
#include <poll.h>
#include <pthread.h>
#include <sys/select.h>
#include <unistd.h>

#define WORKERS 3

static int pipes[WORKERS][2];
static long message[WORKERS];

static void *worker(void *arg)
{
    long i = (long)arg;

    message[i] = 100 + i;
    return (void *)(long)(write(pipes[i][1], "m", 1) != 1);
}

int main(void)
{
    pthread_t t[WORKERS];
    struct pollfd pfds[WORKERS];
    int got[WORKERS] = {0};
    int left = WORKERS;
    long sum = 0;

    for (int i = 0; i < WORKERS; i++) {
        if (pipe(pipes[i]) != 0)
            return 2;
        pfds[i].fd = pipes[i][0];
        pfds[i].events = POLLIN;
    }
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    while (left > 0) {
        fd_set rs;
        int maxfd = 0;

        FD_ZERO(&rs);
        for (int i = 0; i < WORKERS; i++) {
            if (!got[i])
                FD_SET(pipes[i][0], &rs);
            if (pipes[i][0] > maxfd)
                maxfd = pipes[i][0];
        }
        if (poll(pfds, WORKERS, 10000) <= 0 ||
            select(maxfd + 1, &rs, NULL, NULL, NULL) <= 0)
            return 3;
        for (int i = 0; i < WORKERS; i++) {
            char c;
            if (got[i] || !(pfds[i].revents & POLLIN) || !FD_ISSET(pipes[i][0], &rs))
                continue;
            if (read(pipes[i][0], &c, 1) != 1)
                return 4;
            sum += message[i];
            got[i] = 1;
            pfds[i].fd = -1; /* poll ignores it from now on */
            left--;
        }
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    return sum == 303 ? 0 : 1;
}
