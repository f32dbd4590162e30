// fd_close_dup_race: T1 dup()s the pipe's write end and T2 dup2()s its read
// end onto another number; main then closes both originals without ordering
// either call before the closes. dup and dup2 use their source descriptor,
// so each races with the close of that descriptor (a write of it): two
// races.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 50 24
// RACE-LINES: 51 33
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int fds[2];
static int done[2];

static void *dupper(void *arg)
{
    int copy = dup(fds[1]); /* RACY */
    crace_test_signal(&done[0]);
    if (copy >= 0)
        close(copy);
    return arg;
}

static void *dupper2(void *arg)
{
    int copy = dup2(fds[0], 40); /* RACY */
    crace_test_signal(&done[1]);
    if (copy >= 0)
        close(copy);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    if (pipe(fds) != 0)
        return 1;
    pthread_create(&t1, NULL, dupper, NULL);  /* CREATE */
    pthread_create(&t2, NULL, dupper2, NULL); /* CREATE */
    crace_test_wait(&done[0]);
    crace_test_wait(&done[1]);
    close(fds[1]); /* RACY */
    close(fds[0]); /* RACY */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
