// dl_fork_child: the parent has threads (and crace's watchdog); the forked
// child has only the forking thread and no watchdog, and deadlocks alone
// on a semaphore nothing posts. The child gets its own watchdog when it
// needs one and reports; the parent passes the child's status on.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 30
// TIMEOUT: 20
#include <pthread.h>
#include <semaphore.h>
#include <sys/wait.h>
#include <unistd.h>

static sem_t never_posted;

static void *helper(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, helper, NULL); /* CREATE */
    pthread_join(t, NULL);
    sem_init(&never_posted, 0, 0);
    pid_t child = fork();
    if (child == 0) {
        sem_wait(&never_posted); /* BLOCKED */
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
