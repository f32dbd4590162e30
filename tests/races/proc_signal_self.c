// proc_signal_self: a SIGUSR1 handler and the thread it interrupts share
// volatile sig_atomic_t flags and nothing else; main sends the signal with
// pthread_kill and reads the result only after pthread_join. The handler runs
// on the interrupted thread itself, so its accesses and the thread's are in
// one thread. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "uninstr_sync.h"

static volatile sig_atomic_t flag;
static volatile sig_atomic_t hits;
static int ready;

static void on_usr1(int sig)
{
    (void)sig;
    hits = hits + 1;
    flag = 1;
}

static void *target(void *arg)
{
    crace_test_signal(&ready);
    while (!flag)
        usleep(100);
    *(int *)arg = hits;
    flag = 0;
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t t;
    int seen = 0;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    pthread_create(&t, NULL, target, &seen); /* CREATE */
    crace_test_wait(&ready);
    pthread_kill(t, SIGUSR1);
    pthread_join(t, NULL);
    printf("seen = %d, flag = %d\n", seen, (int)flag);
    return seen == 1 && flag == 0 ? 0 : 1;
}
