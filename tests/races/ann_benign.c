// ann_benign: a statistics counter that two threads bump without a lock,
// declared harmless with crace_benign_race(&hits, sizeof hits). The race is
// real (real-time order from uninstr_sync) but must not be reported.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "crace.h"
#include "uninstr_sync.h"

long hits;
static int first_done;

static void *first(void *arg)
{
    hits++;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    hits++;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    crace_benign_race(&hits, sizeof hits);
    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("hits = %ld\n", hits);
    return 0;
}
