// thr_fork_many_none: 48 threads keep running (mutex-protected counter,
// malloc/free) while main forks. The child inherits only main: it starts
// 16 threads of its own (more than the parent had slots free), which share
// a counter under a mutex and are joined, and it reads data main wrote
// before the fork. The parent then stops and joins its threads and waits
// for the child. No race, no deadlock, both exit 0.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PARENT_THREADS 48
#define CHILD_THREADS 16

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER; /* may be held at the fork */
static long counter;
static pthread_mutex_t child_mu = PTHREAD_MUTEX_INITIALIZER; /* the child's */
static long child_counter;
static int stop;
static long before_fork[8];

static void *busy(void *arg)
{
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        long *p = malloc(64);
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
        free(p);
    }
    return arg;
}

static void *child_worker(void *arg)
{
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&child_mu);
        child_counter += before_fork[3];
        pthread_mutex_unlock(&child_mu);
    }
    return arg;
}

static int run_child(void)
{
    pthread_t t[CHILD_THREADS];

    for (int i = 0; i < CHILD_THREADS; i++)
        if (pthread_create(&t[i], NULL, child_worker, NULL) != 0) /* CREATE */
            return 3;
    for (int i = 0; i < CHILD_THREADS; i++)
        pthread_join(t[i], NULL);
    return child_counter == CHILD_THREADS * 1000 * 3 ? 0 : 4;
}

int main(void)
{
    pthread_t t[PARENT_THREADS];
    int status;

    for (int i = 0; i < 8; i++)
        before_fork[i] = i;
    for (int i = 0; i < PARENT_THREADS; i++)
        pthread_create(&t[i], NULL, busy, NULL); /* CREATE */
    usleep(20000);
    pid_t pid = fork();
    if (pid == 0)
        _exit(run_child());
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < PARENT_THREADS; i++)
        pthread_join(t[i], NULL);
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return 5;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 6;
}
