// lock_cond_signal_race: as lock_cond_signal_none, but the producer writes
// `data` only after it has signalled and unlocked the mutex; the consumer
// wakes up and reads `data` (after that write in real time, uninstr_sync).
// The signal does not publish later writes. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 43
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static int ready;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int waiting;
static int written;

static void *consumer(void *arg)
{
    int v;

    pthread_mutex_lock(&m);
    crace_test_signal(&waiting);
    while (!ready)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    crace_test_wait(&written);
    v = data; /* RACY */
    return (void *)(long)v;
}

static void *producer(void *arg)
{
    crace_test_wait(&waiting);
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    data = 42; /* RACY */
    crace_test_signal(&written);
    return arg;
}

int main(void)
{
    pthread_t c, p;

    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    return 0;
}
