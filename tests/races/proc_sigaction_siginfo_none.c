// proc_sigaction_siginfo_none: as proc_sigaction_install_none, with an
// SA_SIGINFO handler installed through signal() first (replaced later) and
// the signal sent to the whole process while every thread but T2 blocks
// it, so the kernel picks T2. Each of the three worker threads was created
// before main filled the table the handler reads: only the installation
// orders the handler after the writes.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "uninstr_sync.h"

static long table[16];
static long sum;
static int ready[3];
static int handled;

static void early(int sig)
{
    (void)sig;
}

static void on_usr2(int sig, siginfo_t *info, void *ctx)
{
    (void)sig, (void)info, (void)ctx;
    for (int i = 0; i < 16; i++)
        sum += table[i];
    crace_test_signal(&handled);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    if (id == 1) /* the others keep main's mask, which blocks it */
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    crace_test_signal(&ready[id]);
    crace_test_wait(&handled);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    sigset_t set;
    struct sigaction sa;

    signal(SIGUSR2, early);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    for (long i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < 3; i++)
        crace_test_wait(&ready[i]);
    for (int i = 0; i < 16; i++)
        table[i] = i * i;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR2, &sa, NULL) != 0)
        return 1;
    kill(getpid(), SIGUSR2);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("sum = %ld\n", sum);
    return 0;
}
