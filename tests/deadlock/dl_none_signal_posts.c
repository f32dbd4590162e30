// dl_none_signal_posts: the only thread waits on a semaphore that a signal
// handler posts (sem_post is async-signal-safe; alarm() delivers SIGALRM
// after a second). For that second every thread is blocked, but a handler
// is installed: a signal can still wake it, so it is no deadlock.
//
// EXPECT: none
// TIMEOUT: 30
#include <semaphore.h>
#include <signal.h>
#include <unistd.h>

static sem_t wakeup;

static void on_alarm(int sig)
{
    (void)sig;
    sem_post(&wakeup);
}

int main(void)
{
    sem_init(&wakeup, 0, 0);
    signal(SIGALRM, on_alarm);
    alarm(1);
    while (sem_wait(&wakeup) != 0)
        ; /* EINTR */
    return 0;
}
