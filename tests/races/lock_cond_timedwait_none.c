// lock_cond_timedwait_none: as lock_cond_signal_none, with the consumer in
// pthread_cond_timedwait (10 s deadline) instead: it is woken by the signal,
// not the timeout, and reads what the producer wrote under the mutex.
// No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "uninstr_sync.h"

int data;
static int ready;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int waiting;

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

static void *consumer(void *arg)
{
    struct timespec deadline = in_ms(10000);
    int rc = 0;

    pthread_mutex_lock(&m);
    crace_test_signal(&waiting);
    while (!ready && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&cv, &m, &deadline);
    pthread_mutex_unlock(&m);
    return (void *)(long)(rc == 0 ? data : -1);
}

static void *producer(void *arg)
{
    crace_test_wait(&waiting);
    pthread_mutex_lock(&m); /* only succeeds once the consumer waits */
    data = 42;
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t c, p;
    void *ret = NULL;

    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, &ret);
    pthread_join(p, NULL);
    return (long)ret == 42 ? 0 : 1;
}
