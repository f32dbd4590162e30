// fd_dup: the pipe's original fds are replaced by copies, dup() of the write
// end and dup2() of the read end onto fd 20, and closed. A copy shares the
// channel of its original, so a write() on the copy happens before the read()
// on the other copy that receives it. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int wfd, rfd;
static int payload[4];

static void *writer(void *arg)
{
    for (int i = 0; i < 4; i++)
        payload[i] = 10 * (i + 1);
    if (write(wfd, "d", 1) != 1)
        perror("write");
    return arg;
}

static void *reader(void *arg)
{
    char c = 0;
    int sum = 0;

    if (read(rfd, &c, 1) != 1)
        perror("read");
    for (int i = 0; i < 4; i++)
        sum += payload[i];
    *(int *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    int fds[2], sum = 0;

    if (pipe(fds) != 0)
        return 1;
    wfd = dup(fds[1]);
    rfd = dup2(fds[0], 20);
    if (wfd < 0 || rfd != 20)
        return 1;
    close(fds[0]);
    close(fds[1]);
    pthread_create(&r, NULL, reader, &sum); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    printf("sum = %d\n", sum);
    return sum == 100 ? 0 : 1;
}
