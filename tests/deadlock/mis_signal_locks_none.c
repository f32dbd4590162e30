// mis_signal_locks_none: a thread locks and unlocks its own mutex in a loop
// while a fast timer's handler, on the same thread, locks and unlocks
// another. The handler may land in the middle of the runtime's bookkeeping
// of the thread's held locks; it must not leave a wrong entry behind (a
// false "unlock of unlocked mutex" for the loop's unlock, a false "double
// lock" for the handler's next lock). Locking in a handler is itself a
// signal-handler hazard: that report is turned off here.
//
// EXPECT: none
// ENV: CRACE_OPTIONS=report_signal_unsafe=0
// TIMEOUT: 60
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

static pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t handler_mu = PTHREAD_MUTEX_INITIALIZER;
static volatile long handled, looped;

static void on_timer(int sig)
{
    (void)sig;
    pthread_mutex_lock(&handler_mu);
    handled++;
    pthread_mutex_unlock(&handler_mu);
}

static void *worker(void *arg)
{
    /* the one thread that takes the timer's signal */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    for (long i = 0; i < 300000; i++) {
        pthread_mutex_lock(&own);
        looped++;
        pthread_mutex_unlock(&own);
    }
    return arg;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timer;
    sigaction(SIGALRM, &sa, NULL);
    /* blocked here before the worker exists: it inherits the mask and
     * unblocks it, so the worker is the thread interrupted */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    struct itimerval it = {{0, 20}, {0, 20}};
    setitimer(ITIMER_REAL, &it, NULL);
    pthread_join(t, NULL);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    return looped == 300000 ? 0 : 1;
}
