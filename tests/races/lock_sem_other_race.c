// lock_sem_other_race: the producer writes `data` and posts semaphore s1;
// the consumer takes a token from s2 (initialised to 1) with sem_trywait and
// reads `data` (after the write in real time, uninstr_sync). No post/wait
// pair connects them. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 36
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <semaphore.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static sem_t s1;
static sem_t s2;
static int posted;

static void *producer(void *arg)
{
    data = 42; /* RACY */
    sem_post(&s1);
    crace_test_signal(&posted);
    return arg;
}

static void *consumer(void *arg)
{
    int v;

    crace_test_wait(&posted);
    if (sem_trywait(&s2) != 0)
        return (void *)-1L;
    v = data; /* RACY */
    return (void *)(long)v;
}

int main(void)
{
    pthread_t p, c;
    void *ret = NULL;

    sem_init(&s1, 0, 0);
    sem_init(&s2, 0, 1);
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_join(p, NULL);
    pthread_join(c, &ret);
    sem_destroy(&s1);
    sem_destroy(&s2);
    return (long)ret == 42 ? 0 : 1;
}
