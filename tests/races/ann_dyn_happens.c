// ann_dyn_happens: the dynamic-annotation form of a custom handoff. The
// producer fills a buffer, calls AnnotateHappensBefore(&ready) and raises a
// flag crace cannot see (uninstr_sync); the consumer waits for the flag and
// calls AnnotateHappensAfter(&ready) before reading. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

void AnnotateHappensBefore(const char *file, int line, const volatile void *addr);
void AnnotateHappensAfter(const char *file, int line, const volatile void *addr);

static long buf[8];
static int ready;

static void *producer(void *arg)
{
    for (int i = 0; i < 8; i++)
        buf[i] = i * i;
    AnnotateHappensBefore(__FILE__, __LINE__, &ready);
    crace_test_signal(&ready);
    return arg;
}

static void *consumer(void *arg)
{
    long sum = 0;

    crace_test_wait(&ready);
    AnnotateHappensAfter(__FILE__, __LINE__, &ready);
    for (int i = 0; i < 8; i++)
        sum += buf[i];
    *(long *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    long sum = 0;

    pthread_create(&c, NULL, consumer, &sum); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("sum = %ld\n", sum);
    return sum == 140 ? 0 : 1;
}
