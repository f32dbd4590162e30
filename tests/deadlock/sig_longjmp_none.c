// sig_longjmp_none: an asynchronous handler (SIGALRM, SIGUSR1) leaves by
// siglongjmp instead of returning, a classic timeout. The handler itself
// only jumps; the code after the jump allocates, prints and takes a mutex:
// it runs no handler any more. A last thread takes the mutex too (any
// hazard noted would be reported then). No report.
//
// EXPECT: none
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static sigjmp_buf timeout;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void on_signal(int sig)
{
    siglongjmp(timeout, sig);
}

static __attribute__((noinline)) int attempt(int sig)
{
    int got = sigsetjmp(timeout, 1);
    if (got == 0)
        raise(sig); /* the "slow operation" interrupted */
    return got;
}

static void *last(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    signal(SIGALRM, on_signal);
    signal(SIGUSR1, on_signal);
    int total = 0;
    for (int i = 0; i < 3; i++) {
        total += attempt(i & 1 ? SIGUSR1 : SIGALRM);
        char *p = malloc(64);
        snprintf(p, 64, "attempt %d timed out", i);
        puts(p);
        free(p);
        pthread_mutex_lock(&m);
        total++;
        pthread_mutex_unlock(&m);
    }
    pthread_t t;
    pthread_create(&t, NULL, last, NULL); /* CREATE */
    pthread_join(t, NULL);
    return total == SIGALRM * 2 + SIGUSR1 + 3 ? 0 : 1;
}
