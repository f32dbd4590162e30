// thr_orphan_join_late_none: a joinable thread writes `late` as its last
// act and finishes; main does not join it yet. 600 detached workers (at
// most 8 alive, a semaphore) come and go, so its slot changes owner while
// it waits to be joined. Then main joins it and reads `late`: the join
// orders the write before the read, although the write came after the
// thread's last release and its slot has new owners. A detached worker's
// writes made before its post are read by main after the semaphore: also
// ordered. Each worker writes its own `after_post` element after its post
// (read by nobody), so slots change owner without order. No race.
//
// EXPECT: none
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define WORKERS 600
#define ALIVE 8

static sem_t room;
static long late;
static long before_post[WORKERS];
long after_post[WORKERS];

static void *joinable(void *arg)
{
    late = 5;
    return arg;
}

static void *worker(void *arg)
{
    long i = (long)arg;
    before_post[i] = i;
    sem_post(&room);
    after_post[i] = 1; /* unordered: slots change owner without order */
    return 0;
}

int main(void)
{
    pthread_t j;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sem_init(&room, 0, ALIVE);
    if (pthread_create(&j, 0, joinable, 0) != 0) /* CREATE */
        return 1;
    for (long i = 0; i < WORKERS; i++) {
        pthread_t t;
        sem_wait(&room);
        if (pthread_create(&t, &attr, worker, (void *)i) != 0) /* CREATE */
            return 1;
    }
    for (int i = 0; i < ALIVE; i++)
        sem_wait(&room);
    pthread_join(j, 0);
    long sum = late;
    for (int i = 0; i < WORKERS; i++)
        sum += before_post[i];
    printf("%ld\n", sum);
    return 0;
}
