// lock_rwlock_timedlock_timeout_race: R reads `data` under a read lock,
// unlocks and read-locks again; W's pthread_rwlock_timedwrlock times out
// after 20 ms and W writes `data` anyway. A timed-out lock acquires nothing,
// not even R's earlier read unlock. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 41 58
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

long data = 42; /* long: alone in its 8-byte shadow granule */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int held;
static int done;

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

static void *reader(void *arg)
{
    int v;

    pthread_rwlock_rdlock(&rw);
    v = data; /* RACY */
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_rdlock(&rw);
    crace_test_signal(&held);
    crace_test_wait(&done);
    pthread_rwlock_unlock(&rw);
    return (void *)(long)v;
}

static void *writer(void *arg)
{
    struct timespec deadline;
    int rc;

    crace_test_wait(&held);
    deadline = in_ms(20);
    rc = pthread_rwlock_timedwrlock(&rw, &deadline);
    data = 0; /* RACY */
    if (rc == 0)
        pthread_rwlock_unlock(&rw);
    crace_test_signal(&done);
    return (void *)(long)rc;
}

int main(void)
{
    pthread_t w, r;
    void *rret = NULL;
    void *wret = NULL;

    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, &rret);
    pthread_join(w, &wret);
    return (long)rret == 42 && (long)wret == ETIMEDOUT ? 0 : 1;
}
