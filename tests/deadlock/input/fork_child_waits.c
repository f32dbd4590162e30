/* fork_child_waits: the parent forks at once and waits; the child (pid
 * printed on stdout) holds a mutex a worker waits for during three seconds
 * (test_dl_tools.sh sends dump_signal to the child: a fork child has a
 * watchdog of its own for it). */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pid_t child = fork();
    if (child != 0) {
        int status;
        printf("%d\n", (int)child);
        fflush(stdout);
        waitpid(child, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    }
    pthread_t t;
    struct timespec three_seconds = {3, 0};
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, worker, NULL);
    while (nanosleep(&three_seconds, &three_seconds) != 0)
        ; /* interrupted by the dump signal: sleep the rest */
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return 0;
}
