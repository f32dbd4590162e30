// proc_fork_child_thread: like proc_fork_child, but each child starts a
// thread of its own. That thread reads data the parent's threads wrote before
// the fork and fills a buffer that the child's main thread reads after
// pthread_join. The child exits 0. No race, no hang.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long rounds; /* the hammer's, under mu */
static int stop;
static long results[64];

static void *hammer(void *arg)
{
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&mu);
        long r = ++rounds;
        pthread_mutex_unlock(&mu);
        free(malloc(16 + r % 1000));
    }
    return arg;
}

static void *child_thread(void *arg)
{
    long base = rounds; /* written by the parent's hammer before the fork */
    long *tmp = calloc(64, sizeof *tmp);

    if (!tmp)
        return NULL;
    for (int i = 0; i < 64; i++)
        tmp[i] = base + i;
    for (int i = 0; i < 64; i++)
        results[i] = tmp[i] - base;
    free(tmp);
    return arg;
}

static int child_main(void)
{
    pthread_t t;
    long sum = 0;

    if (pthread_create(&t, NULL, child_thread, NULL) != 0) /* CREATE */
        return 2;
    pthread_join(t, NULL);
    for (int i = 0; i < 64; i++)
        sum += results[i];
    return sum == 63 * 64 / 2 ? 0 : 1;
}

int main(void)
{
    pthread_t h;
    int failed = 0;

    pthread_create(&h, NULL, hammer, NULL); /* CREATE */
    for (long r = 0; r == 0; sched_yield()) {
        pthread_mutex_lock(&mu);
        r = rounds;
        pthread_mutex_unlock(&mu);
    }
    for (int k = 0; k < 5; k++) {
        int st = 0;
        pid_t pid = fork();

        if (pid < 0)
            return 1;
        if (pid == 0)
            exit(child_main());
        if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "child %d: status 0x%x\n", k, st);
            failed = 1;
        }
    }
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    pthread_join(h, NULL);
    return failed;
}
