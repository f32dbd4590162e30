// proc_fork_child: main forks five times while another thread keeps locking a
// mutex and calling malloc/free, so runtime locks may be held at the fork.
// Each child runs instrumented code (heap, its own mutex, data the parent's
// threads wrote before the fork: the child's only thread comes after all of
// it) and exits 0; the parent checks every child. No race, no hang.
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
static int table[256];

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

static int child_main(void)
{
    pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
    long seen = rounds; /* the hammer thread does not exist in the child */
    int *copy = malloc(sizeof table);
    long sum = 0;

    if (!copy)
        return 1;
    for (int i = 0; i < 256; i++)
        copy[i] = table[i] * 2;
    pthread_mutex_lock(&own);
    for (int i = 0; i < 256; i++)
        sum += copy[i];
    pthread_mutex_unlock(&own);
    free(copy);
    rounds = -1;
    return sum == 255 * 256 && seen > 0 ? 0 : 1;
}

int main(void)
{
    pthread_t h;
    int failed = 0;

    for (int i = 0; i < 256; i++)
        table[i] = i;
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
    printf("hammer rounds: %ld\n", rounds);
    return failed;
}
