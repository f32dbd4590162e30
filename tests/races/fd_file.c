// fd_file: a regular file as the channel. The writer fills a buffer and then
// pwrite()s a byte at offset 0; the reader polls pread() at offset 0 until the
// byte is there, then reads the buffer. The read observes the write, which
// happens before it (TSan: all regular files are one sync object). No race.
//
// EXPECT: none
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

static int fd;
static int payload[4];

static void *writer(void *arg)
{
    for (int i = 0; i < 4; i++)
        payload[i] = i + 1;
    if (pwrite(fd, "f", 1, 0) != 1)
        perror("pwrite");
    return arg;
}

static void *reader(void *arg)
{
    char c = 0;
    int sum = 0;

    while (pread(fd, &c, 1, 0) != 1)
        sched_yield();
    for (int i = 0; i < 4; i++)
        sum += payload[i];
    *(int *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    char path[64];
    int sum = 0;

    snprintf(path, sizeof path, "/tmp/crace_fd_file.%d", (int)getpid());
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return 1;
    unlink(path);
    pthread_create(&r, NULL, reader, &sum); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    close(fd);
    printf("sum = %d\n", sum);
    return sum == 10 ? 0 : 1;
}
