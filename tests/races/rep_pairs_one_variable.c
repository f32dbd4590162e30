// rep_pairs_one_variable: three threads write one variable, one after the
// other in real time with nothing ordering them. The third write races with
// both earlier ones: three distinct pairs of lines (second/first,
// third/first, third/second), each reported once, although two of them share
// the third write's pc and granule.
//
// EXPECT: race
// REPORTS: 3
// RACE-LINES: 32 24
// RACE-LINES: 40 24
// RACE-LINES: 40 32
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static long shared;
static int first_done, second_done;

static void *first(void *arg)
{
    shared = 1; /* RACY */
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    shared = 2; /* RACY */
    crace_test_signal(&second_done);
    return arg;
}

static void *third(void *arg)
{
    crace_test_wait(&second_done);
    shared = 3; /* RACY */
    return arg;
}

int main(void)
{
    pthread_t a, b, c;

    pthread_create(&a, NULL, first, NULL);  /* CREATE */
    pthread_create(&b, NULL, second, NULL); /* CREATE */
    pthread_create(&c, NULL, third, NULL);  /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    printf("%ld\n", shared);
    return 0;
}
