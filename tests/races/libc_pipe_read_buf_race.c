// libc_pipe_read_buf_race: main puts 64 bytes into a pipe; T1 read()s them
// into a shared buffer; T2 then reads byte 10 of the buffer with no
// synchronization. read() writes the bytes it receives into the buffer:
// race. uninstr_sync makes T1 read first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 37
// RACE-FUNCS: receiver reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "uninstr_sync.h"

static char buf[64];
static int fds[2];
static int received;

static void *receiver(void *arg)
{
    ssize_t n = read(fds[0], buf, sizeof buf);

    (void)arg;
    crace_test_signal(&received);
    return (void *)n;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&received);
    seen = buf[10];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    char msg[64];

    memset(msg, 'm', sizeof msg);
    if (pipe(fds) || write(fds[1], msg, sizeof msg) != sizeof msg)
        return 1;
    pthread_create(&t1, NULL, receiver, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
