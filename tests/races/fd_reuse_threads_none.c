// fd_reuse_threads_none: six threads each open, use and close descriptors
// in a loop, on their own, so the same numbers pass from thread to thread
// with nothing ordering one life of a number after the previous one: a
// stream (fopen/fread/fclose), a file (open/read/close), a pipe, a timerfd
// (created by a call crace does not intercept, closed with close), a
// directory stream (opendir/closedir) and an epoll instance. A new life of a
// descriptor does not race with the old one. No race.
//
// EXPECT: none
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define ROUNDS 200

static long stream_user(void)
{
    char buf[16];
    long n = 0;
    for (int i = 0; i < ROUNDS; i++) {
        FILE *f = fopen("/proc/self/stat", "r");
        if (!f)
            return -1;
        n += (long)fread(buf, 1, sizeof buf, f);
        fclose(f);
    }
    return n;
}

static long file_user(void)
{
    char buf[16];
    long n = 0;
    for (int i = 0; i < ROUNDS; i++) {
        int fd = open("/proc/self/stat", O_RDONLY);
        if (fd < 0)
            return -1;
        n += read(fd, buf, sizeof buf);
        close(fd);
    }
    return n;
}

static long pipe_user(void)
{
    long n = 0;
    for (int i = 0; i < ROUNDS; i++) {
        int fds[2];
        char c;
        if (pipe(fds) != 0)
            return -1;
        n += write(fds[1], "p", 1) + read(fds[0], &c, 1);
        close(fds[0]);
        close(fds[1]);
    }
    return n;
}

static long timer_user(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        int fd = timerfd_create(CLOCK_MONOTONIC, 0);
        if (fd < 0)
            return -1;
        close(fd);
    }
    return 0;
}

static long dir_user(void)
{
    long n = 0;
    for (int i = 0; i < ROUNDS; i++) {
        DIR *d = opendir("/proc/self");
        if (!d)
            return -1;
        n += readdir(d) != NULL;
        closedir(d);
    }
    return n;
}

static long epoll_user(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        int ep = epoll_create1(0);
        if (ep < 0)
            return -1;
        close(ep);
    }
    return 0;
}

static long (*const users[])(void) = {stream_user, file_user, pipe_user,
                                      timer_user,  dir_user,  epoll_user};
#define USERS (int)(sizeof users / sizeof users[0])

static void *run(void *arg)
{
    return (void *)users[(long)arg]();
}

int main(void)
{
    pthread_t t[USERS];
    int bad = 0;

    for (long i = 0; i < USERS; i++)
        pthread_create(&t[i], NULL, run, (void *)i); /* CREATE */
    for (int i = 0; i < USERS; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (long)r < 0;
    }
    return bad;
}
