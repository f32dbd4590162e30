// proc_underscore_fork_race: after running and joining a thread, main
// calls _Fork; in the child two threads write `shared` with no edge
// between them (real-time order from uninstr_sync), so the child reports
// the race and exits 66; the parent exits with the child's status.
//
// EXPECT: race
// EXIT: 66
// REPORTS: 1
// RACE-LINES: 34 26
// RACE-ACCESS: write write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uninstr_sync.h"

long shared;
long warm;
static int first_done;

static void *first(void *arg)
{
    shared = 1; /* RACY */
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    shared = 2; /* RACY */
    return arg;
}

static void *warmup(void *arg)
{
    warm = 1;
    return arg;
}

int main(void)
{
    pthread_t a, b;
    int status = 0;

    pthread_create(&a, NULL, warmup, NULL); /* CREATE */
    pthread_join(a, NULL);
    pid_t pid = _Fork();
    if (pid == 0) {
        pthread_create(&a, NULL, first, NULL);  /* CREATE */
        pthread_create(&b, NULL, second, NULL); /* CREATE */
        pthread_join(a, NULL);
        pthread_join(b, NULL);
        exit(warm == 1 ? 0 : 1);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return 2;
    return WEXITSTATUS(status);
}
