// thr_signal_create_none: threads created from a signal handler. main fills
// `config`, then raises SIGUSR1 three times; the handler (on main) creates
// a thread each time, which reads `config` and bumps `hits` under a mutex.
// Then a helper thread sends SIGUSR2 to main while main waits in
// sigsuspend; that handler creates a detached thread the same way. The
// creation orders main's earlier writes before each child. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>

static long config[4];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long hits;
static pthread_t made[3];
static int nmade;
static int usr2_done;
static pthread_t main_thread;

static void *child(void *arg)
{
    long v = config[0] + config[3];

    pthread_mutex_lock(&mu);
    hits += v == 7;
    pthread_mutex_unlock(&mu);
    return arg;
}

static void on_usr1(int sig)
{
    (void)sig;
    pthread_create(&made[nmade++], NULL, child, NULL); /* CREATE */
}

static void on_usr2(int sig)
{
    pthread_attr_t attr;
    pthread_t t;

    (void)sig;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &attr, child, NULL); /* CREATE */
    usr2_done = 1;
}

static void *sender(void *arg)
{
    pthread_kill(main_thread, SIGUSR2);
    return arg;
}

int main(void)
{
    struct sigaction sa;
    sigset_t block, old;
    pthread_t s;

    main_thread = pthread_self();
    config[0] = 3;
    config[3] = 4;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    for (int i = 0; i < 3; i++)
        raise(SIGUSR1);
    for (int i = 0; i < 3; i++)
        pthread_join(made[i], NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_create(&s, NULL, sender, NULL); /* CREATE */
    while (!usr2_done)
        sigsuspend(&old);
    pthread_join(s, NULL);
    for (;;) {
        pthread_mutex_lock(&mu);
        long h = hits;
        pthread_mutex_unlock(&mu);
        if (h == 4)
            return 0;
        sched_yield();
    }
}
