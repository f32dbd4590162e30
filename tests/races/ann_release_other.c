// ann_release_other: the producer releases on one address and the consumer
// acquires on another. Edges are per address: this orders nothing, and the
// consumer's load races with the producer's store.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 22
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "crace.h"
#include "uninstr_sync.h"

static int buf[16];
static int tag_a, tag_b;
static int handoff;

static void *producer(void *arg)
{
    buf[0] = 7;
    crace_release(&tag_a);
    crace_test_signal(&handoff);
    return arg;
}

static void *consumer(void *arg)
{
    crace_test_wait(&handoff);
    crace_acquire(&tag_b);
    *(int *)arg = buf[0];
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    int got = 0;

    pthread_create(&c, NULL, consumer, &got); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("got = %d\n", got);
    return 0;
}
