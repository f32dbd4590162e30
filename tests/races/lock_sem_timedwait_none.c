// lock_sem_timedwait_none: the consumer's first sem_timedwait times out
// (nothing posted yet); the producer then writes `data` and posts, and a
// second sem_timedwait (10 s deadline) succeeds and the consumer reads
// `data`. A successful timedwait acquires the post. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "uninstr_sync.h"

int data;
static sem_t sem;
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

static void *producer(void *arg)
{
    crace_test_wait(&tried);
    data = 42;
    sem_post(&sem);
    return arg;
}

static void *consumer(void *arg)
{
    struct timespec deadline = in_ms(1);

    if (sem_timedwait(&sem, &deadline) == 0 || errno != ETIMEDOUT)
        return (void *)-1L;
    crace_test_signal(&tried);
    deadline = in_ms(10000);
    if (sem_timedwait(&sem, &deadline) != 0)
        return (void *)-2L;
    return (void *)(long)data;
}

int main(void)
{
    pthread_t p, c;
    void *ret = NULL;

    sem_init(&sem, 0, 0);
    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, &ret);
    pthread_join(p, NULL);
    sem_destroy(&sem);
    return (long)ret == 42 ? 0 : 1;
}
