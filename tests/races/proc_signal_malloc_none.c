// proc_signal_malloc_none: a timer signal's handler allocates and frees
// while the thread it interrupts is itself in malloc and free all the time
// (and so is a second thread, which blocks the signal: the handler's counter
// is only ever touched by the main thread). Not async-signal-safe by POSIX, but common;
// the runtime must keep its per-thread allocation records consistent (it
// defers the handler while it updates them). Every block is checked at the
// end. No race, no crash. (The hazard itself is reported unless disabled:)
// ENV: CRACE_OPTIONS=report_signal_unsafe=0
// EXPECT: none
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define ROUNDS 200000

static volatile sig_atomic_t handled;

static void on_alarm(int sig)
{
    char *p = malloc(24 + (handled & 63));

    (void)sig;
    if (p) {
        p[0] = 1;
        free(p);
    }
    handled++;
}

static void *churn(void *arg)
{
    long *keep[16] = {0};
    long sum = 0;

    for (int i = 0; i < ROUNDS; i++) {
        int k = i & 15;

        free(keep[k]);
        keep[k] = malloc(sizeof(long) * (1 + (i % 13)));
        if (!keep[k])
            abort();
        keep[k][0] = i;
        sum += keep[k][0];
    }
    for (int k = 0; k < 16; k++)
        free(keep[k]);
    return (void *)(sum & 1);
}

int main(void)
{
    struct sigaction sa;
    struct itimerval every = {{0, 100}, {0, 100}};
    sigset_t alarm;
    pthread_t t;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alarm, NULL); /* the thread inherits this mask */
    pthread_create(&t, NULL, churn, NULL);
    pthread_sigmask(SIG_UNBLOCK, &alarm, NULL);
    setitimer(ITIMER_REAL, &every, NULL);
    churn(NULL);
    setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL);
    pthread_join(t, NULL);
    return handled > 0 ? 0 : 1;
}
