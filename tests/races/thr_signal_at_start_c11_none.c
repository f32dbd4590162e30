// thr_signal_at_start_c11_none: as thr_signal_at_start_none with C11
// threads: thirty rounds of thrd_create, a SIGUSR2 sent with pthread_kill
// (glibc's thrd_t is a pthread_t) before the thread ran, and thrd_join. The
// handler, on the new thread, reads two words main wrote before creating it
// and stores their sum in the thread's own TLS. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <threads.h>

#define ROUNDS 30

static long base[2];
static _Thread_local volatile long got;

static void on_usr2(int sig, siginfo_t *info, void *ctx)
{
    (void)sig;
    (void)info;
    (void)ctx;
    got = base[0] + base[1] + 1;
}

static int worker(void *arg)
{
    (void)arg;
    while (!got)
        ;
    return (int)got;
}

int main(void)
{
    struct sigaction sa;
    int ok = 0;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR2, &sa, NULL) != 0)
        return 2;
    for (int i = 0; i < ROUNDS; i++) {
        thrd_t t;
        int res = 0;

        base[0] = i;
        base[1] = 2 * i;
        if (thrd_create(&t, worker, NULL) != thrd_success) /* CREATE */
            return 3;
        pthread_kill((pthread_t)t, SIGUSR2);
        thrd_join(t, &res);
        ok += res == 3 * i + 1;
    }
    return ok == ROUNDS ? 0 : 1;
}
