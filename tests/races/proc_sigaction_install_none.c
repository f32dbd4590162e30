// proc_sigaction_install_none: thread T1 exists before main writes a
// configuration value and installs a SIGUSR1 handler with sigaction; main
// then sends the signal to T1 with pthread_kill. The handler, running on
// T1, reads the value. Installing a handler happens before every run of
// it (TSan orders them too), so the read is ordered after main's write:
// no race. T1 waits for the handler with uninstr_sync, invisible to crace.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "uninstr_sync.h"

static long config;
static long seen;
static int ready;
static int handled;

static void on_usr1(int sig)
{
    (void)sig;
    seen = config;
    crace_test_signal(&handled);
}

static void *target(void *arg)
{
    crace_test_signal(&ready);
    crace_test_wait(&handled);
    return arg;
}

int main(void)
{
    struct sigaction sa;
    pthread_t t1;

    pthread_create(&t1, NULL, target, NULL); /* CREATE */
    crace_test_wait(&ready);
    config = 42;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    pthread_kill(t1, SIGUSR1);
    pthread_join(t1, NULL);
    printf("seen = %ld\n", seen);
    return 0;
}
