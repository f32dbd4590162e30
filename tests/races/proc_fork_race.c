// proc_fork_race: after running and joining a thread, main forks; the child
// starts two threads that race on a global, so the child reports the race and
// exits 66. The parent waits and exits with the child's status. Real-time
// order in the child (first's store, then second's) comes from uninstr_sync.
//
// EXPECT: race
// EXIT: 66
// REPORTS: 1
// RACE-LINES: 37 28
// RACE-ACCESS: write write
// RACE-FUNCS: first second
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uninstr_sync.h"

int shared;
int warm;
static int first_done;

static void *first(void *arg)
{
    (void)arg;
    shared = 1;
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    (void)arg;
    crace_test_wait(&first_done);
    shared = 2;
    return NULL;
}

static void *warm_up(void *arg)
{
    warm = 1;
    return arg;
}

static int child_main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}

int main(void)
{
    pthread_t w;
    pid_t pid;
    int st = 0;

    pthread_create(&w, NULL, warm_up, NULL); /* CREATE */
    pthread_join(w, NULL);
    pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0)
        exit(child_main());
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        return 1;
    exit(WEXITSTATUS(st));
}
