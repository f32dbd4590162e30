// ann_benign_other: `hits` is declared a benign race and `misses` is not. Two
// threads race on both (hits first); only the race on misses is reported.
// Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 23
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "crace.h"
#include "uninstr_sync.h"

_Alignas(64) long hits;
_Alignas(64) long misses;
static int first_done;

static void *first(void *arg)
{
    hits++;
    misses = 1;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    hits++;
    misses = 2;
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
    printf("hits = %ld, misses = %ld\n", hits, misses);
    return 0;
}
