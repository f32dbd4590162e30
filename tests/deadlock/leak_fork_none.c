// leak_fork_none: a thread finishes, the process forks, the child exits
// through exit() (running exit handlers), the parent joins the thread.
// The thread is the parent's to join: the child reports no leak, and
// neither does the parent.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int done;

static void *worker(void *arg)
{
    crace_test_signal(&done);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&done);
    usleep(20000);
    pid_t pid = fork();
    if (pid == 0)
        exit(0);
    int status = 1;
    waitpid(pid, &status, 0);
    pthread_join(t, NULL);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
