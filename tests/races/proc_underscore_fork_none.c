// proc_underscore_fork_none: glibc's _Fork (fork without the atfork
// handlers). A worker fills `table` and bumps `rounds` under a mutex in a
// loop; main calls _Fork five times while it runs. Each child reads what
// the worker wrote before the fork (the worker does not exist there: the
// child's only thread comes after all of it), touches nothing that needs a
// lock glibc may have left held, and _exits with the check. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long rounds; /* the worker's, under mu */
static long table[64];
static int stop;

static void *worker(void *arg)
{
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&mu);
        long r = ++rounds;
        table[r % 64] = r;
        pthread_mutex_unlock(&mu);
    }
    return arg;
}

static int child_check(void)
{
    long sum = 0;

    for (int i = 0; i < 64; i++)
        sum += table[i] >= 0;
    return sum == 64 && rounds > 0 ? 0 : 1;
}

int main(void)
{
    pthread_t w;
    int failed = 0;

    pthread_create(&w, NULL, worker, NULL); /* CREATE */
    for (long r = 0; r == 0; sched_yield()) {
        pthread_mutex_lock(&mu);
        r = rounds;
        pthread_mutex_unlock(&mu);
    }
    for (int i = 0; i < 5; i++) {
        int status = 0;
        pid_t pid = _Fork();

        if (pid == 0)
            _exit(child_check());
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            failed = 1;
    }
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    pthread_join(w, NULL);
    return failed;
}
