// lock_rwlock_timedlock_none: R reads `data` under pthread_rwlock_timedrdlock;
// meanwhile W's pthread_rwlock_timedwrlock times out, and W's second one
// (10 s deadline) succeeds after R unlocks; W writes and R reads again under
// timedrdlock. Successful timed locks order like locks. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

int data = 1;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int reading;
static int tried;
static int written;

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
    struct timespec deadline;

    crace_test_wait(&reading);
    deadline = in_ms(1);
    if (pthread_rwlock_timedwrlock(&rw, &deadline) != ETIMEDOUT)
        return (void *)-1L;
    crace_test_signal(&tried);
    deadline = in_ms(10000);
    if (pthread_rwlock_timedwrlock(&rw, &deadline) != 0)
        return (void *)-2L;
    data = 41;
    pthread_rwlock_unlock(&rw);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    struct timespec deadline = in_ms(10000);
    int v;

    if (pthread_rwlock_timedrdlock(&rw, &deadline) != 0)
        return (void *)-1L;
    v = data;
    crace_test_signal(&reading);
    crace_test_wait(&tried);
    pthread_rwlock_unlock(&rw);
    crace_test_wait(&written);
    deadline = in_ms(10000);
    if (pthread_rwlock_timedrdlock(&rw, &deadline) != 0)
        return (void *)-2L;
    v += data;
    pthread_rwlock_unlock(&rw);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t w, r;
    void *wret = NULL;
    void *rret = NULL;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, &wret);
    pthread_join(r, &rret);
    return wret == NULL && (long)rret == 42 ? 0 : 1;
}
