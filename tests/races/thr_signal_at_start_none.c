// thr_signal_at_start_none: a signal sent to a thread the moment
// pthread_create returns lands before the thread has run any of its own
// code (glibc unblocks signals in start_thread). Forty rounds: main sets
// `config`, creates a worker, sends it SIGUSR1 at once and joins it. The
// handler runs on the worker: it reads `config` (ordered by the creation)
// and sets the worker's own TLS flag, which the worker waits for. The
// handler is the worker's code, not an unknown thread's. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>

#define ROUNDS 40

static long config;
static __thread volatile long seen;

static void on_usr1(int sig)
{
    (void)sig;
    seen = config + 1;
}

static void *worker(void *arg)
{
    while (!seen)
        ;
    return (void *)seen;
}

int main(void)
{
    struct sigaction sa;
    long ok = 0;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 2;
    for (long i = 0; i < ROUNDS; i++) {
        pthread_t t;
        void *ret;

        config = i;
        if (pthread_create(&t, NULL, worker, NULL) != 0) /* CREATE */
            return 3;
        pthread_kill(t, SIGUSR1);
        pthread_join(t, &ret);
        ok += (long)ret == i + 1;
    }
    return ok == ROUNDS ? 0 : 1;
}
