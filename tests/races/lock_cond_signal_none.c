// lock_cond_signal_none: the consumer waits in pthread_cond_wait (it is
// surely blocked before the producer can lock); the producer writes `data`,
// sets `ready` and signals under the mutex. The consumer reads `data` after
// unlocking: the mutex hand-over inside cond_wait orders it. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

int data;
static int ready;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int waiting;

static void *consumer(void *arg)
{
    pthread_mutex_lock(&m);
    crace_test_signal(&waiting);
    while (!ready)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    return (void *)(long)data;
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
