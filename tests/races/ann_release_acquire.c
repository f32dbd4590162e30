// ann_release_acquire: a custom handoff through a flag crace cannot see
// (uninstr_sync). The producer fills a buffer and calls crace_release(buf)
// before raising the flag; the consumer waits for the flag and calls
// crace_acquire(buf) before reading. The annotations order them. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "crace.h"
#include "uninstr_sync.h"

static int buf[16];
static int handoff;

static void *producer(void *arg)
{
    for (int i = 0; i < 16; i++)
        buf[i] = i;
    crace_release(buf);
    crace_test_signal(&handoff);
    return arg;
}

static void *consumer(void *arg)
{
    int sum = 0;

    crace_test_wait(&handoff);
    crace_acquire(buf);
    for (int i = 0; i < 16; i++)
        sum += buf[i];
    *(int *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    int sum = 0;

    pthread_create(&c, NULL, consumer, &sum); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("sum = %d\n", sum);
    return sum == 120 ? 0 : 1;
}
