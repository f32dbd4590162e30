// dl_abba_others_run: an ABBA cycle between two workers while the rest of
// the program keeps running (a ticker thread and main spin on timed sleeps
// forever): not "all threads are blocked", but the cycle is certain and is
// reported anyway, which ends the program.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 39
// TIMEOUT: 20
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;
static atomic_long ticks;

static void nap(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void *ticker(void *arg)
{
    for (;;) {
        atomic_fetch_add(&ticks, 1);
        nap(5);
    }
    return arg;
}

static void *worker(void *arg)
{
    pthread_mutex_t *first = arg ? &a : &b, *second = arg ? &b : &a;
    pthread_mutex_lock(first);
    pthread_barrier_wait(&both_hold_one);
    pthread_mutex_lock(second); /* BLOCKED */
    pthread_mutex_unlock(second);
    pthread_mutex_unlock(first);
    return NULL;
}

int main(void)
{
    pthread_t tick, t1, t2;
    pthread_barrier_init(&both_hold_one, NULL, 2);
    pthread_create(&tick, NULL, ticker, NULL); /* CREATE */
    pthread_create(&t1, NULL, worker, &a);     /* CREATE */
    pthread_create(&t2, NULL, worker, NULL);   /* CREATE */
    for (;;)
        nap(10);
}
