// thr_main_exit_none: main writes `config`, creates a worker, publishes
// `message` under a mutex and leaves with pthread_exit(NULL). The worker goes
// on, reads both (ordered by create and by the mutex) and the process exits
// with status 0 when it ends. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "uninstr_sync.h"

int config;
int message;
int answer;
static int ready;
static int main_leaving;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    int r = 0;

    crace_test_wait(&main_leaving);
    while (!r) {
        pthread_mutex_lock(&m);
        r = ready;
        pthread_mutex_unlock(&m);
        sched_yield();
    }
    pthread_mutex_lock(&m);
    answer = config + message;
    pthread_mutex_unlock(&m);
    if (answer != 42)
        abort();
    return arg;
}

int main(void)
{
    pthread_t t;

    config = 40;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_mutex_lock(&m);
    message = 2;
    ready = 1;
    pthread_mutex_unlock(&m);
    crace_test_signal(&main_leaving);
    pthread_exit(NULL);
}
