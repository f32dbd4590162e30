// thr_signal_at_start_race: twenty rounds: main creates a worker, then
// writes `after` and sends the worker SIGUSR1, which usually lands before
// the worker ran its own code. The handler reads `after`: main's write
// follows the creation, so nothing orders it before the handler. One race,
// reported against the worker itself (the handler is its code, not an
// unknown thread's: its TLS flag, set by the handler, is its own).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 49
// RACE-ACCESS: read write
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>

#define ROUNDS 20

static long after;
static __thread volatile long seen;

static void on_usr1(int sig)
{
    (void)sig;
    seen = after + 1; /* RACY */
}

static void *worker(void *arg)
{
    while (!seen)
        ;
    return arg;
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 2;
    for (long i = 0; i < ROUNDS; i++) {
        pthread_t t;

        if (pthread_create(&t, NULL, worker, NULL) != 0) /* CREATE */
            return 3;
        after = i; /* RACY */
        pthread_kill(t, SIGUSR1);
        pthread_join(t, NULL);
    }
    return 0;
}
