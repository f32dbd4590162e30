// libc_pipe_write_buf_race: T1 stores into byte 100 of a buffer; T2 then
// write()s the buffer (256 bytes) into a pipe with no synchronization.
// write() reads the bytes it sends from the buffer: race on the buffer.
// uninstr_sync makes T1 store first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 32
// RACE-FUNCS: filler sender
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

static char buf[256];
static int fds[2];
static int filled;

static void *filler(void *arg)
{
    buf[100] = 'x';
    crace_test_signal(&filled);
    return arg;
}

static void *sender(void *arg)
{
    (void)arg;
    crace_test_wait(&filled);
    return (void *)write(fds[1], buf, sizeof buf);
}

int main(void)
{
    pthread_t t1, t2;
    void *sent;
    char sink[256];

    if (pipe(fds))
        return 1;
    pthread_create(&t1, NULL, filler, NULL); /* CREATE */
    pthread_create(&t2, NULL, sender, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &sent);
    if (sent != (void *)sizeof sink || read(fds[0], sink, sizeof sink) != sizeof sink)
        return 1;
    return 0;
}
