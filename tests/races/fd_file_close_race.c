// fd_file_close_race: T1 writes `data`, then reads a file and closes it; T2
// later (in real time only, uninstr_sync) reads another file and then
// `data`. Closing a file is no message to whoever reads some file next:
// nothing orders the two accesses. One race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 40 23
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static int closed;

static void *writer(void *arg)
{
    char buf[8];
    data = 1; /* RACY */
    int fd = open("/proc/self/stat", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) <= 0)
        return arg;
    close(fd);
    crace_test_signal(&closed);
    return arg;
}

static void *reader(void *arg)
{
    char buf[8];
    crace_test_wait(&closed);
    int fd = open("/proc/self/status", O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) <= 0)
        return arg;
    close(fd);
    return (void *)data; /* RACY */
}

int main(void)
{
    pthread_t t1, t2;
    void *got;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &got);
    return got == (void *)1 ? 0 : 1;
}
