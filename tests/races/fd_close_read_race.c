// fd_close_read_race: T1 reads from a pipe; T2 then closes the pipe's read
// end, with nothing ordering the close after the read (uninstr_sync only
// puts it later in real time). A close racing with a use of the same
// descriptor is a race on the descriptor. One race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 23
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int fds[2];
static int read_done;

static void *reader(void *arg)
{
    char c = 0;
    if (read(fds[0], &c, 1) != 1) /* RACY */
        return arg;
    crace_test_signal(&read_done);
    return (void *)(long)c;
}

static void *closer(void *arg)
{
    crace_test_wait(&read_done);
    close(fds[0]); /* RACY */
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    void *got;

    if (pipe(fds) != 0 || write(fds[1], "x", 1) != 1)
        return 1;
    pthread_create(&t1, NULL, reader, NULL); /* CREATE */
    pthread_create(&t2, NULL, closer, NULL); /* CREATE */
    pthread_join(t1, &got);
    pthread_join(t2, NULL);
    close(fds[1]);
    return got == (void *)(long)'x' ? 0 : 1;
}
