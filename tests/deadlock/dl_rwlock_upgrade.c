// dl_rwlock_upgrade: a thread holding a rwlock for reading asks for it for
// writing (an "upgrade"), which waits for every reader to leave, itself
// included: it waits for itself. Other threads keep running, so only the
// one-thread cycle can tell.
//
// (lockcheck reports a relock by its owner as a lock misuse, DOUBLE LOCK,
// before the call: with report_mutex_bugs=0 the deadlock detector finds
// the hang itself, as a cycle of one thread.)
//
// EXPECT: report
// ENV: CRACE_OPTIONS=report_mutex_bugs=0
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 38
// STDERR-HAS: Cycle: thread T2 waits for M1 held by thread T2.
// TIMEOUT: 20
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static long cache;
static atomic_long ticks;

static void *ticker(void *arg)
{
    struct timespec ts = {0, 5 * 1000000L};
    for (;;) {
        atomic_fetch_add(&ticks, 1);
        nanosleep(&ts, NULL);
    }
    return arg;
}

static void *refresher(void *arg)
{
    pthread_rwlock_rdlock(&cache_lock);
    if (cache == 0) {
        pthread_rwlock_wrlock(&cache_lock); /* BLOCKED */
        cache = 1;
        pthread_rwlock_unlock(&cache_lock);
    }
    pthread_rwlock_unlock(&cache_lock);
    return arg;
}

int main(void)
{
    pthread_t tick, r;
    pthread_create(&tick, NULL, ticker, NULL); /* CREATE */
    pthread_create(&r, NULL, refresher, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(tick, NULL);
    return 0;
}
