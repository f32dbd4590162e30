// sig_mutex: a handler takes a mutex (if the interrupted code held it, the
// handler would wait forever). Reported as a call to pthread_mutex_lock.
// A worker thread gets the signal in its own loop.
//
// EXPECT: report
// WARNING: SIGNAL-UNSAFE CALL IN SIGNAL HANDLER x1
// FRAME-LINES: 24
// LINK: uninstr_sync
// STDERR-HAS: Call to pthread_mutex_lock(), which is not async-signal-safe, in the handler
// STDERR-HAS: in the handler of signal SIGUSR1 (10), by thread T1:
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "uninstr_sync.h"

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long signals_seen;
static volatile sig_atomic_t stop;
static int started;

static void on_usr1(int sig)
{
    pthread_mutex_lock(&stats_lock); /* FRAME */
    signals_seen += sig;
    pthread_mutex_unlock(&stats_lock);
    stop = 1;
}

static void *worker(void *arg)
{
    crace_test_signal(&started);
    while (!stop)
        usleep(1000);
    return arg;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&started);              /* its handler runs on a thread the runtime knows */
    pthread_kill(t, SIGUSR1);
    pthread_join(t, NULL);
    return 0;
}
