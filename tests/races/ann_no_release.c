// ann_no_release: the handoff of ann_release_acquire without the crace_release
// / crace_acquire annotations. The flag is invisible to crace, so the
// consumer's load races with the producer's store.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 28 20
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static int buf[16];
static int handoff;

static void *producer(void *arg)
{
    buf[3] = 3;
    crace_test_signal(&handoff);
    return arg;
}

static void *consumer(void *arg)
{
    crace_test_wait(&handoff);
    *(int *)arg = buf[3];
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
