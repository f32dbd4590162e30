// lock_sem_trywait_none: the consumer's first sem_trywait fails (EAGAIN,
// nothing posted yet); the producer then writes `data` and posts, and the
// consumer retries sem_trywait until it succeeds and reads `data`. A
// successful trywait acquires the post. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>

#include "uninstr_sync.h"

int data;
static sem_t sem;
static int tried;

static void *producer(void *arg)
{
    crace_test_wait(&tried);
    data = 42;
    sem_post(&sem);
    return arg;
}

static void *consumer(void *arg)
{
    if (sem_trywait(&sem) == 0 || errno != EAGAIN)
        return (void *)-1L;
    crace_test_signal(&tried);
    while (sem_trywait(&sem) != 0)
        sched_yield();
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
