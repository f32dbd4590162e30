// fd_file_late: like fd_file, but the writer stores to the buffer only after
// its pwrite(). The reader's load after its pread() races with that store.
// Real-time order (store first) comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 26
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int fd;
static int payload;
static int stored;

static void *writer(void *arg)
{
    if (pwrite(fd, "f", 1, 0) != 1)
        perror("pwrite");
    payload = 10; /* too late: after the pwrite() */
    crace_test_signal(&stored);
    return arg;
}

static void *reader(void *arg)
{
    char c = 0;

    while (pread(fd, &c, 1, 0) != 1)
        sched_yield();
    crace_test_wait(&stored);
    *(int *)arg = payload;
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    char path[64];
    int got = 0;

    snprintf(path, sizeof path, "/tmp/crace_fd_file_late.%d", (int)getpid());
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return 1;
    unlink(path);
    pthread_create(&r, NULL, reader, &got); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    close(fd);
    printf("got = %d\n", got);
    return 0;
}
