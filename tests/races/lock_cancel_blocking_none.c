// lock_cancel_blocking_none: threads cancelled while blocked in other
// intercepted calls leave the runtime's state right: T1 in sem_wait, T2 in
// pthread_join (of T4, which is still running), T3 in read() on a pipe.
// Afterwards main joins them, posts the semaphore for T5 (which then reads
// what main wrote before the post), lets T4 finish and joins it (reading
// what T4 wrote), and closes the pipe after the cancelled reader was
// joined. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

#include "uninstr_sync.h"

static sem_t sem;
static int fds[2];
static pthread_t t4;
static long from_main, from_t4;
static int blocked[3];
static int t4_go;

static void *sem_waiter(void *arg)
{
    crace_test_signal(&blocked[0]);
    sem_wait(&sem);
    return arg;
}

static void *joiner(void *arg)
{
    crace_test_signal(&blocked[1]);
    pthread_join(t4, NULL);
    return arg;
}

static void *reader(void *arg)
{
    char c;
    crace_test_signal(&blocked[2]);
    if (read(fds[0], &c, 1) < 0)
        return arg;
    return arg;
}

static void *late(void *arg)
{
    crace_test_wait(&t4_go);
    from_t4 = 4;
    return arg;
}

static void *sem_user(void *arg)
{
    sem_wait(&sem);
    return (void *)from_main;
}

int main(void)
{
    pthread_t t[3], t5;
    void *(*fns[3])(void *) = {sem_waiter, joiner, reader};
    void *got;

    if (sem_init(&sem, 0, 0) != 0 || pipe(fds) != 0)
        return 1;
    pthread_create(&t4, NULL, late, NULL); /* CREATE */
    for (int i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, fns[i], NULL); /* CREATE */
        crace_test_wait(&blocked[i]);
    }
    usleep(20000); /* all three are blocked by now */
    for (int i = 0; i < 3; i++) {
        pthread_cancel(t[i]);
        pthread_join(t[i], &got);
        if (got != PTHREAD_CANCELED)
            return 1;
    }
    pthread_create(&t5, NULL, sem_user, NULL); /* CREATE */
    from_main = 5;
    sem_post(&sem);
    pthread_join(t5, &got);
    crace_test_signal(&t4_go);
    pthread_join(t4, NULL);
    close(fds[0]);
    close(fds[1]);
    sem_destroy(&sem);
    return (long)got == 5 && from_t4 == 4 ? 0 : 1;
}
