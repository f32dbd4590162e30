// lock_sem_wait_none: the consumer blocks in sem_wait; the producer writes
// `data` and calls sem_post; the consumer reads `data` when sem_wait returns.
// sem_post happens-before the sem_wait it satisfies. No race.
//
// EXPECT: none
#include <pthread.h>
#include <semaphore.h>

int data;
static sem_t sem;

static void *producer(void *arg)
{
    data = 42;
    sem_post(&sem);
    return arg;
}

static void *consumer(void *arg)
{
    while (sem_wait(&sem) != 0)
        ;
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
