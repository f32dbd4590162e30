// fd_fcntl_dupfd_none: main copies the pipe's write end with
// fcntl(F_DUPFD_CLOEXEC); T1 writes `value` and then a byte through the copy;
// main reads the byte from the read end and then reads `value`. The copy is
// the same pipe: its write pairs with the read like a write through the
// original. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

long value;
static int copy;

static void *writer(void *arg)
{
    value = 1;
    if (write(copy, ".", 1) != 1)
        return (void *)1;
    return arg;
}

int main(void)
{
    int fds[2];
    pthread_t t;
    char byte;

    if (pipe2(fds, O_CLOEXEC) != 0)
        return 2;
    copy = fcntl(fds[1], F_DUPFD_CLOEXEC, 0);
    if (copy < 0)
        return 3;
    pthread_create(&t, NULL, writer, NULL); /* CREATE */
    if (read(fds[0], &byte, 1) != 1)
        return 4;
    long v = value;
    pthread_join(t, NULL);
    close(copy);
    close(fds[0]);
    close(fds[1]);
    return v == 1 ? 0 : 1;
}
