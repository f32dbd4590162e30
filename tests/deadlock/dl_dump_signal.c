// dl_dump_signal: with dump_signal=SIGQUIT, SIGQUIT prints the thread dump
// (the watchdog prints it; the program's threads are not stopped) and the
// program goes on instead of dying: here main sends it to itself while a
// worker is blocked on a lock main holds.
//
// EXPECT: none
// DUMPS: 1
// ENV: CRACE_OPTIONS=dump_signal=SIGQUIT
// STDERR-HAS: crace: thread dump, 2 threads
// STDERR-HAS: thread T1 [blocked in pthread_mutex_lock on mutex M1
// STDERR-HAS: main thread [running]:
// TIMEOUT: 30
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    struct timespec settle = {0, 300 * 1000000L}, printed = {1, 0};
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    nanosleep(&settle, NULL);
    kill(getpid(), SIGQUIT);
    nanosleep(&printed, NULL);
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return 0;
}
