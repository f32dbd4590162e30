// lock_mutex_timedlock_timeout_race: T1 writes `data` under the mutex,
// unlocks, and takes it again; T2's pthread_mutex_timedlock times out after
// 20 ms and T2 reads `data` anyway. A timed-out lock must not create an edge
// (not even from the earlier unlock). Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 57
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
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

static void *writer(void *arg)
{
    pthread_mutex_lock(&m);
    data = 42; /* RACY */
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    crace_test_signal(&held);
    crace_test_wait(&done);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *reader(void *arg)
{
    struct timespec deadline;
    int rc;
    int v;

    crace_test_wait(&held);
    deadline = in_ms(20);
    rc = pthread_mutex_timedlock(&m, &deadline);
    v = data; /* RACY */
    if (rc == 0)
        pthread_mutex_unlock(&m);
    crace_test_signal(&done);
    return (void *)(long)(rc == ETIMEDOUT ? v : -1);
}

int main(void)
{
    pthread_t a, b;
    void *ret = NULL;

    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, &ret);
    return (long)ret == 42 ? 0 : 1;
}
