// sig_printf: a handler installed with sigaction prints with printf and
// fprintf (stdio takes the stream's lock and may allocate): two reports.
// The signal comes from another thread (pthread_kill) while main waits.
//
// EXPECT: report
// WARNING: SIGNAL-UNSAFE CALL IN SIGNAL HANDLER x2
// FRAME-LINES: 22 23
// STDERR-HAS: Call to printf(), which is not async-signal-safe, in the handler of signal
// STDERR-HAS: in the handler of signal SIGUSR2 (12), by main thread:
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static pthread_t main_thread;

static void on_usr2(int sig, siginfo_t *info, void *ctx)
{
    (void)info;
    (void)ctx;
    printf("signal %d\n", sig);      /* FRAME */
    fprintf(stderr, "in handler\n"); /* FRAME */
    got = 1;
}

static void *sender(void *arg)
{
    pthread_kill(main_thread, SIGUSR2);
    return arg;
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    main_thread = pthread_self();
    pthread_t t;
    pthread_create(&t, NULL, sender, NULL); /* CREATE */
    while (!got)
        usleep(1000);
    pthread_join(t, NULL);
    return 0;
}
