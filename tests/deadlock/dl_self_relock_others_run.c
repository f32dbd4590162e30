// dl_self_relock_others_run: a worker locks a (default, non-recursive)
// mutex it already holds, through a helper, while another thread keeps
// doing timed work: not all threads are blocked, but the worker waits for
// itself.
//
// (lockcheck reports a relock by its owner as a lock misuse, DOUBLE LOCK,
// before the call: with report_mutex_bugs=0 the deadlock detector finds
// the hang itself, as a cycle of one thread.)
//
// EXPECT: report
// ENV: CRACE_OPTIONS=report_mutex_bugs=0
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 24 32
// STDERR-HAS: Cycle: thread T1 waits for M1 held by thread T1.
// TIMEOUT: 20
#include <pthread.h>
#include <time.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void count_hit(void)
{
    pthread_mutex_lock(&stats_lock); /* BLOCKED */
    hits++;
    pthread_mutex_unlock(&stats_lock);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&stats_lock);
    count_hit(); /* BLOCKED */
    pthread_mutex_unlock(&stats_lock);
    return arg;
}

int main(void)
{
    pthread_t t;
    struct timespec ts = {0, 10 * 1000000L};
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    for (;;)
        nanosleep(&ts, NULL); /* main keeps running: timed sleeps */
}
