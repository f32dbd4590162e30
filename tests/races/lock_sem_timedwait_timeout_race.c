// lock_sem_timedwait_timeout_race: the producer writes `data`, posts and
// takes its own token back (the count is 0 again); the consumer's
// sem_timedwait then times out after 20 ms and it reads `data` anyway. A
// failed wait acquires nothing, not even the earlier post. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 55
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static sem_t sem;
static int posted;

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
    data = 42; /* RACY */
    sem_post(&sem);
    while (sem_wait(&sem) != 0)
        ;
    crace_test_signal(&posted);
    return arg;
}

static void *consumer(void *arg)
{
    struct timespec deadline;
    int rc;
    int v;

    crace_test_wait(&posted);
    deadline = in_ms(20);
    rc = sem_timedwait(&sem, &deadline);
    v = data; /* RACY */
    return (void *)(long)(rc != 0 && errno == ETIMEDOUT ? v : -1);
}

int main(void)
{
    pthread_t p, c;
    void *ret = NULL;

    sem_init(&sem, 0, 0);
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_join(p, NULL);
    pthread_join(c, &ret);
    sem_destroy(&sem);
    return (long)ret == 42 ? 0 : 1;
}
