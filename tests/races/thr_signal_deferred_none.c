// thr_signal_deferred_none: signals that land while a thread is inside the
// runtime wait until it leaves, and must then arrive intact. A sender queues
// 5000 real-time signals with pthread_sigqueue, each carrying its number in
// si_value, at a worker that locks mutexes and allocates in a loop; the
// handler (SA_SIGINFO) sums the values: every signal once, with its own
// value. Then 300 rounds of a SA_RESETHAND handler for SIGUSR1: each
// delivery runs it exactly once and leaves SIGUSR1 at SIG_DFL, as without a
// detector (a deferred copy meeting SIG_DFL would kill the process). The
// handler's counters are the worker's own. No race, exit 0.
//
// EXPECT: none
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "uninstr_sync.h"

#define SIGNALS 5000L
#define ROUNDS 300
#define INFLIGHT 32

static pthread_mutex_t mu[4] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long got, sum;     /* written by the worker's handler, read after the join */
static long reset_runs;   /* the same, for SIGUSR1 */
static int handled;       /* mirrors got/reset_runs for the sender: atomic */
static int stop, ready;

static void on_rt(int sig, siginfo_t *info, void *ctx)
{
    (void)sig;
    (void)ctx;
    got++;
    sum += info->si_value.sival_int;
    __atomic_add_fetch(&handled, 1, __ATOMIC_RELEASE);
}

static void on_usr1(int sig)
{
    (void)sig;
    reset_runs++;
    __atomic_add_fetch(&handled, 1, __ATOMIC_RELEASE);
}

static void *worker(void *arg)
{
    long n = 0;

    crace_test_signal(&ready);
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&mu[n & 3]);
        pthread_mutex_unlock(&mu[n & 3]);
        char *p = malloc(16 + n % 200);
        if (p)
            p[0] = (char)n;
        free(p);
        n++;
    }
    return arg;
}

static void wait_handled(int want)
{
    while (__atomic_load_n(&handled, __ATOMIC_ACQUIRE) < want)
        ;
}

static int install_usr1(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGUSR1, &sa, NULL);
}

static void *sender(void *arg)
{
    pthread_t w = *(pthread_t *)arg;
    struct sigaction now;
    long bad = 0;

    crace_test_wait(&ready);
    for (long i = 1; i <= SIGNALS; i++) {
        union sigval v = {.sival_int = (int)i};
        if (i > INFLIGHT)
            wait_handled((int)(i - INFLIGHT));
        while (pthread_sigqueue(w, SIGRTMIN, v) == EAGAIN)
            ;
    }
    wait_handled((int)SIGNALS);
    for (int r = 0; r < ROUNDS; r++) {
        if (install_usr1() != 0)
            bad++;
        pthread_kill(w, SIGUSR1);
        wait_handled((int)SIGNALS + r + 1);
        if (sigaction(SIGUSR1, NULL, &now) != 0 || now.sa_handler != SIG_DFL)
            bad++;
    }
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    return (void *)bad;
}

int main(void)
{
    struct sigaction sa;
    pthread_t w, s;
    void *bad;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGRTMIN, &sa, NULL) != 0)
        return 1;
    pthread_create(&w, NULL, worker, NULL); /* CREATE */
    pthread_create(&s, NULL, sender, &w);   /* CREATE */
    pthread_join(s, &bad);
    pthread_join(w, NULL);
    if (bad)
        return 2;
    if (got != SIGNALS || sum != SIGNALS * (SIGNALS + 1) / 2)
        return 3;
    return reset_runs == ROUNDS ? 0 : 4;
}
