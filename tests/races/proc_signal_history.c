// proc_signal_history: a 20 us timer signal aimed at the worker thread runs a
// handler that calls instrumented functions (entries, exits, accesses of its
// own) while the worker calls functions, ticks its epoch with a private
// mutex and writes `target` through leaf <- path3 <- path2 <- path1 <-
// runner, over and over. Handlers land in the middle of the worker's
// history writes (function entry/exit, part snapshots, epoch changes). Then
// the reader reads `target` through the same chain: the previous write's
// stack, rebuilt from the worker's history, must be exactly the worker's.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 53 55
// RACE-ACCESS: read write
// RACE-STACK: leaf path3 path2 path1 work level2 level1 runner
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "uninstr_sync.h"

#define ROUNDS 100000

static long target;
static long sink;
static long handler_data[4]; /* the worker's handler only */
static long churned;         /* the worker only */
static long fresh[16];       /* the worker only: 16 granules written per epoch */
static int written;

static __attribute__((noinline)) void h3(int sig)
{
    handler_data[sig & 3]++;
}
static __attribute__((noinline)) void h2(int sig)
{
    h3(sig);
    handler_data[(sig + 1) & 3]++;
}
static __attribute__((noinline)) void on_timer(int sig)
{
    h2(sig);
    h3(sig + 2);
}

static __attribute__((noinline)) void leaf(long *p, int write)
{
    if (write)
        *p = 1; /* RACY */
    else
        sink = *p; /* RACY */
}
static __attribute__((noinline)) void path3(int write)
{
    leaf(&target, write);
}
static __attribute__((noinline)) void path2(int write)
{
    path3(write);
}
static __attribute__((noinline)) void path1(int write)
{
    path2(write);
}

static __attribute__((noinline)) long churn3(long x)
{
    return x * 3 + churned++;
}
static __attribute__((noinline)) long churn2(long x)
{
    return churn3(x) + churn3(x + 1);
}
static __attribute__((noinline)) long churn1(long x)
{
    return churn2(x) ^ churn2(x >> 1);
}

/* A timer sending SIGRTMIN to the calling thread every 20 us. */
static timer_t start_timer(void)
{
    struct sigevent sev;
    struct itimerspec its = {{0, 20000}, {0, 20000}};
    timer_t timer;

    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGRTMIN;
    sev._sigev_un._tid = gettid();
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0 ||
        timer_settime(timer, 0, &its, NULL) != 0) {
        perror("timer");
        _exit(1);
    }
    return timer;
}

/* The worker's rounds and the reader's read, both three calls below
 * runner: a frame lost or added by a bad replay shows in the stack. */
static __attribute__((noinline)) void work(int writer)
{
    if (!writer) {
        crace_test_wait(&written);
        path1(0);
        return;
    }
    pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
    timer_t timer = start_timer();
    long acc = 0;
    for (long i = 0; i < ROUNDS; i++) {
        acc += churn1(i);
        for (int k = 0; k < 16; k++)
            fresh[k] = i; /* each one a history event: the epoch is new */
        path1(1);
        pthread_mutex_lock(&own); /* a new epoch: the next writes are traced again */
        pthread_mutex_unlock(&own);
    }
    timer_delete(timer);
    churned += acc & 1;
    crace_test_signal(&written);
}
static __attribute__((noinline)) void level2(int writer)
{
    work(writer);
}
static __attribute__((noinline)) void level1(int writer)
{
    level2(writer);
}

static void *runner(void *arg)
{
    level1(arg != NULL);
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t w, r;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timer;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGRTMIN, &sa, NULL) != 0)
        return 1;
    pthread_create(&w, NULL, runner, &w);   /* CREATE */
    pthread_create(&r, NULL, runner, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("%ld %ld\n", sink, handler_data[0] + handler_data[1] + handler_data[2]);
    return 0;
}
