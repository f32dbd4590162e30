// proc_signal_race: main sends SIGUSR1 to thread T1 with pthread_kill; the
// handler, running on T1, stores to a global that thread T2 later loads with
// nothing ordering the two. Race between the handler (T1) and T2. Real-time
// order (handler first) comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 43 27
// RACE-ACCESS: read write
// RACE-FUNCS: on_usr1 observer
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "uninstr_sync.h"

int sig_value;
static volatile sig_atomic_t got; /* T1 and its own handler only */
static int ready;
static int handled;

static void on_usr1(int sig)
{
    sig_value = sig;
    got = 1;
    crace_test_signal(&handled);
}

static void *target(void *arg)
{
    crace_test_signal(&ready);
    while (!got)
        usleep(100);
    return arg;
}

static void *observer(void *arg)
{
    crace_test_wait(&handled);
    *(int *)arg = sig_value;
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t t1, t2;
    int seen = 0;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    pthread_create(&t1, NULL, target, NULL);    /* CREATE */
    pthread_create(&t2, NULL, observer, &seen); /* CREATE */
    crace_test_wait(&ready);
    pthread_kill(t1, SIGUSR1);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("seen = %d\n", seen);
    return 0;
}
