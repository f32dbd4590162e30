// proc_signal_history_locks: like proc_signal_history, but the 50 us timer's
// handler takes and releases a mutex of its own (lock events and a new
// epoch in the middle of the worker's history), allocates and frees (range
// events) and recurses a few calls deep, while the worker writes `target`
// from the bottom of a recursion 40 calls deep. The previous write's stack,
// rebuilt from the worker's history, must be exactly the worker's, and the
// worker held no lock at the write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 63 65
// RACE-ACCESS: read write
// clang-format off
// RACE-STACK: leaf down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down down work level1 runner
// LINK: uninstr_sync
// clang-format on
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "uninstr_sync.h"

#define ROUNDS 5000
#define DEPTH 40

static long target;
static long sink;
static long handler_data; /* the worker's handler only, under handler_mu */
static pthread_mutex_t handler_mu = PTHREAD_MUTEX_INITIALIZER;
static long fresh[8]; /* the worker only */
static int written;

static __attribute__((noinline)) long nest(int n)
{
    if (n == 0) {
        char *p = malloc(32);
        long v = 0;
        if (p) {
            memset(p, n, 32);
            v = p[3];
            free(p);
        }
        return v;
    }
    return nest(n - 1) + 1;
}

static void on_timer(int sig)
{
    pthread_mutex_lock(&handler_mu);
    handler_data += nest(sig & 3);
    pthread_mutex_unlock(&handler_mu);
}

static __attribute__((noinline)) void leaf(int write)
{
    if (write)
        target = 1; /* RACY */
    else
        sink = target; /* RACY */
}

/* DEPTH calls down, then the access. */
static __attribute__((noinline)) void down(int n, int write)
{
    if (n == 0) {
        leaf(write);
        return;
    }
    down(n - 1, write);
    if (write)
        fresh[n & 7]++; /* a new history event per epoch */
}

static timer_t start_timer(void)
{
    struct sigevent sev;
    struct itimerspec its = {{0, 50000}, {0, 50000}};
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

static __attribute__((noinline)) void work(int writer)
{
    if (!writer) {
        crace_test_wait(&written);
        down(DEPTH, 0);
        return;
    }
    pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
    timer_t timer = start_timer();
    for (long i = 0; i < ROUNDS; i++) {
        down(DEPTH, 1);
        pthread_mutex_lock(&own); /* a new epoch: the next writes are traced again */
        pthread_mutex_unlock(&own);
    }
    timer_delete(timer);
    crace_test_signal(&written);
}

static __attribute__((noinline)) void level1(int writer)
{
    work(writer);
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
    printf("%ld %ld\n", sink, handler_data);
    return 0;
}
