// dl_none_timed_waits: a worker whose every wait has a timeout, timing out
// again and again (short ones, then one second each, longer than crace's
// confirmation: condition, semaphore, a mutex main holds, a join of a
// sleeping thread) while main blocks in an untimed join. A timed wait
// always ends: never a deadlock.
//
// EXPECT: none
// TIMEOUT: 30
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t held_by_main = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static sem_t empty;

static struct timespec in_ms(long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    return ts;
}

static void *sleeper(void *arg)
{
    struct timespec ts = {1, 300 * 1000000L};
    nanosleep(&ts, NULL);
    return arg;
}

static void *worker(void *arg)
{
    int timeouts = 0;
    for (int i = 0; i < 7; i++) {
        long ms = i < 6 ? 100 : 1000;
        struct timespec ts = in_ms(ms);
        pthread_mutex_lock(&m);
        timeouts += pthread_cond_timedwait(&never, &m, &ts) == ETIMEDOUT;
        pthread_mutex_unlock(&m);
        ts = in_ms(ms);
        timeouts += sem_timedwait(&empty, &ts) != 0;
        ts = in_ms(ms);
        timeouts += pthread_mutex_timedlock(&held_by_main, &ts) == ETIMEDOUT;
    }
    pthread_t s;
    pthread_create(&s, NULL, sleeper, NULL); /* CREATE */
    struct timespec ts = in_ms(1000);
    while (pthread_timedjoin_np(s, NULL, &ts) == ETIMEDOUT)
        ts = in_ms(1000);
    return (void *)(long)timeouts;
}

int main(void)
{
    pthread_t t;
    void *timeouts;
    sem_init(&empty, 0, 0);
    pthread_mutex_lock(&held_by_main);
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_join(t, &timeouts);
    pthread_mutex_unlock(&held_by_main);
    return (long)timeouts == 21 ? 0 : 1;
}
