// lock_sem_post_early_race: the producer calls sem_post before writing
// `data`; the consumer's sem_wait returns and it reads `data` (after the
// write in real time, uninstr_sync). The post publishes only what came
// before it. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 35
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <semaphore.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static sem_t sem;
static int written;

static void *producer(void *arg)
{
    sem_post(&sem);
    data = 42; /* RACY */
    crace_test_signal(&written);
    return arg;
}

static void *consumer(void *arg)
{
    int v;

    while (sem_wait(&sem) != 0)
        ;
    crace_test_wait(&written);
    v = data; /* RACY */
    return (void *)(long)v;
}

int main(void)
{
    pthread_t p, c;

    sem_init(&sem, 0, 0);
    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    sem_destroy(&sem);
    return 0;
}
