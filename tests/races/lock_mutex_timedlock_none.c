// lock_mutex_timedlock_none: while T1 holds the mutex, T2's first
// pthread_mutex_timedlock times out; its second one (10 s deadline) succeeds
// once T1 has written `data` and unlocked, and T2 reads `data`. A successful
// timedlock acquires. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

int data;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int locked;
static int tried;

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
    crace_test_signal(&locked);
    crace_test_wait(&tried);
    data = 42;
    pthread_mutex_unlock(&m);
    return arg;
}

static void *reader(void *arg)
{
    struct timespec deadline;
    int v;

    crace_test_wait(&locked);
    deadline = in_ms(1);
    if (pthread_mutex_timedlock(&m, &deadline) != ETIMEDOUT)
        return (void *)-1L;
    crace_test_signal(&tried);
    deadline = in_ms(10000);
    if (pthread_mutex_timedlock(&m, &deadline) != 0)
        return (void *)-2L;
    v = data;
    pthread_mutex_unlock(&m);
    return (void *)(long)v;
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
