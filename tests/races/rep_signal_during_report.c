// rep_signal_during_report: a signal reaches the reporter thread while it
// prints a report (the report holds the runtime's report lock, so the
// handler is deferred until the report is done). The handler then reads a
// variable that another thread wrote with nothing ordering the two: that
// race must be reported too, not dropped because the handler ran on the
// way out of the report.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 38 53
// RACE-LINES: 64 52
// RACE-FUNCS: on_usr1 reporter writer
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "uninstr_sync.h"

static long x;
static long y;
static long got;
static int written;
static int racing;
static int handled;
static pthread_t reporter_thread;

static void pause_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static void on_usr1(int sig)
{
    got += y + sig; /* RACY */
    crace_test_signal(&handled);
}

static void *signaller(void *arg)
{
    crace_test_wait(&racing);
    pause_ms(2); /* the reporter is inside its first report by now */
    pthread_kill(reporter_thread, SIGUSR1);
    return arg;
}

static void *writer(void *arg)
{
    x = 1; /* RACY */
    y = 2; /* RACY */
    crace_test_signal(&written);
    return arg;
}

static void *reporter(void *arg)
{
    long v;

    crace_test_wait(&written);
    crace_test_signal(&racing);
    v = x; /* RACY */
    crace_test_wait(&handled);
    return (void *)v;
}

int main(void)
{
    struct sigaction sa;
    pthread_t w, s;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    pthread_create(&w, NULL, writer, NULL);                 /* CREATE */
    pthread_create(&reporter_thread, NULL, reporter, NULL); /* CREATE */
    pthread_create(&s, NULL, signaller, NULL);              /* CREATE */
    pthread_join(w, NULL);
    pthread_join(reporter_thread, NULL);
    pthread_join(s, NULL);
    printf("%ld\n", got);
    return 0;
}
