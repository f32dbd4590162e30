// sig_safe_none: handlers that do only async-signal-safe things: write(2)
// to a pipe, sem_post, setting a volatile sig_atomic_t, and a handler that
// calls write on a closed descriptor (EBADF) but saves and restores errno.
// Signals come from another thread and from raise(). Meanwhile main keeps
// allocating and printing: outside the handlers that is fine. No report.
//
// EXPECT: none
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int fds[2];
static sem_t sem;
static volatile sig_atomic_t flag;

static void on_usr1(int sig)
{
    char c = (char)sig;
    write(fds[1], &c, 1);
    sem_post(&sem);
}

static void on_usr2(int sig)
{
    int saved = errno;
    write(-1, "x", 1); /* EBADF: restored below */
    flag = sig;
    errno = saved;
}

static void *sender(void *arg)
{
    pthread_kill(*(pthread_t *)arg, SIGUSR1);
    return NULL;
}

int main(void)
{
    pipe(fds);
    sem_init(&sem, 0, 0);
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, on_usr2);
    pthread_t self = pthread_self(), t;
    pthread_create(&t, NULL, sender, &self); /* CREATE */
    while (sem_wait(&sem) != 0)
        ; /* EINTR */
    pthread_join(t, NULL);
    errno = 0;
    raise(SIGUSR2);
    int e = errno;
    char c;
    read(fds[0], &c, 1);
    char *p = malloc(16);
    snprintf(p, 16, "%d", c);
    printf("%s %d\n", p, (int)flag);
    free(p);
    return c == SIGUSR1 && flag == SIGUSR2 && e == 0 ? 0 : 1;
}
