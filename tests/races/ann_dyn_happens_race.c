// ann_dyn_happens_race: like ann_dyn_happens, but the producer calls
// AnnotateHappensBefore BEFORE storing to the buffer. The edge covers only
// what came before it, so the consumer's load (after AnnotateHappensAfter)
// races with the store.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 25
// RACE-ACCESS: read write
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
    AnnotateHappensBefore(__FILE__, __LINE__, &ready);
    buf[5] = 25; /* too late: after the annotation */
    crace_test_signal(&ready);
    return arg;
}

static void *consumer(void *arg)
{
    crace_test_wait(&ready);
    AnnotateHappensAfter(__FILE__, __LINE__, &ready);
    *(long *)arg = buf[5];
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    long got = 0;

    pthread_create(&c, NULL, consumer, &got); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("got = %ld\n", got);
    return 0;
}
