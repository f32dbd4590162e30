// thr_clone_none: four threads made with raw clone(CLONE_VM | CLONE_THREAD
// ...) share a counter with main under a pthread mutex, allocate and free
// memory of their own, and read `table`, which main filled before cloning
// them. main waits for them to exit (futex on the CLONE_CHILD_CLEARTID
// word, invisible to crace) and reads the counter under the mutex. Then
// twenty more come and go one at a time. Everything shared is ordered: no
// race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KIDS 4
#define STACK (128 * 1024)

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long table[16];
static pid_t tids[KIDS];

static int child(void *arg)
{
    long *mine = malloc(8 * sizeof *mine);

    for (int i = 0; i < 8; i++)
        mine[i] = table[i] + (long)arg;
    for (int k = 0; k < 500; k++) {
        pthread_mutex_lock(&mu);
        counter += mine[1] - (long)arg;
        pthread_mutex_unlock(&mu);
    }
    free(mine);
    return 0;
}

static void wait_gone(pid_t *tid)
{
    pid_t v;

    while ((v = __atomic_load_n(tid, __ATOMIC_ACQUIRE)) != 0)
        syscall(SYS_futex, tid, FUTEX_WAIT, v, NULL, NULL, 0);
}

static int spawn(long i, char *stack, pid_t *tid)
{
    int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
    pid_t ptid;

    *tid = 1;
    return clone(child, stack + STACK, flags, (void *)i, &ptid, NULL, tid); /* CREATE */
}

int main(void)
{
    char *stacks = malloc(KIDS * STACK);
    long c;

    for (int i = 0; i < 16; i++)
        table[i] = i;
    for (long i = 0; i < KIDS; i++)
        if (spawn(i, stacks + i * STACK, &tids[i]) == -1)
            return 3;
    for (int i = 0; i < KIDS; i++)
        wait_gone(&tids[i]);
    for (long i = 0; i < 20; i++) {
        if (spawn(i, stacks, &tids[0]) == -1)
            return 4;
        wait_gone(&tids[0]);
    }
    pthread_mutex_lock(&mu);
    c = counter;
    pthread_mutex_unlock(&mu);
    return c == (KIDS + 20) * 500 ? 0 : 5;
}
