// lock_cond_timedwait_timeout_race: T1 writes `data` and calls
// pthread_cond_signal without touching the mutex (nobody waits yet); T2 then
// waits on the condvar with a 20 ms pthread_cond_timedwait, times out, and
// reads `data`. A condvar creates no edge by itself. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 55
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int signalled;

static struct timespec in_ms(long ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

static void *signaller(void *arg)
{
    data = 42; /* RACY */
    pthread_cond_signal(&cv);
    crace_test_signal(&signalled);
    return arg;
}

static void *waiter(void *arg)
{
    struct timespec deadline;
    int rc;
    int v;

    crace_test_wait(&signalled);
    pthread_mutex_lock(&m);
    deadline = in_ms(20);
    rc = pthread_cond_timedwait(&cv, &m, &deadline);
    pthread_mutex_unlock(&m);
    v = data; /* RACY */
    return (void *)(long)(rc == ETIMEDOUT ? v : -1);
}

int main(void)
{
    pthread_t s, w;
    void *ret = NULL;

    pthread_create(&s, NULL, signaller, NULL); /* CREATE */
    pthread_create(&w, NULL, waiter, NULL);    /* CREATE */
    pthread_join(s, NULL);
    pthread_join(w, &ret);
    return (long)ret == 42 ? 0 : 1;
}
