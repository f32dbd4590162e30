// proc_signal_storm: a sender thread fires 20000 signals at a worker with
// pthread_kill while the worker locks and unlocks a mutex and calls
// malloc/free in a loop, so signals land inside the runtime. A real-time
// signal (SIGRTMIN) is queued, not merged: each kill is one delivery. The
// handler only bumps a counter that nothing but the worker's handler touches
// (main reads it after joining the worker). No deadlock, no crash, no race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uninstr_sync.h"

#define SIGNALS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long handler_hits; /* the worker's handler only */
static long loops;        /* under mu */
static int stop;
static int ready;

static void on_signal(int sig)
{
    (void)sig;
    handler_hits++;
}

static void *worker(void *arg)
{
    crace_test_signal(&ready);
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&mu);
        long n = ++loops;
        pthread_mutex_unlock(&mu);
        char *p = malloc(8 + n % 300);
        if (p)
            p[0] = (char)n;
        free(p);
    }
    return arg;
}

static void *sender(void *arg)
{
    pthread_t w = *(pthread_t *)arg;

    crace_test_wait(&ready);
    for (int i = 0; i < SIGNALS; i++)
        pthread_kill(w, SIGRTMIN);
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t w, s;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGRTMIN, &sa, NULL) != 0)
        return 1;
    pthread_create(&w, NULL, worker, NULL); /* CREATE */
    pthread_create(&s, NULL, sender, &w);   /* CREATE */
    pthread_join(s, NULL);
    pthread_join(w, NULL);
    printf("loops %ld, handler ran %ld times\n", loops, handler_hits);
    return 0;
}
