// location_heap_large: a race 6 MiB into an 8 MiB malloc'd block still
// names the whole block (its start is found by walking the heap meta map
// down from the racing address), and a smaller block allocated just before
// it does not get the blame.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 33
// STDERR-HAS: Location is heap block of size 8388608 at
// STDERR-HAS: allocated by main thread:
// STDERR-HAS: location_heap_large.c:42
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define BIG (8u << 20)

char *big;
static int first_done;

static void *first(void *arg)
{
    big[6u << 20] = 1;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    big[6u << 20] = 2;
    return arg;
}

int main(void)
{
    pthread_t a, b;
    void *small = malloc(64);

    big = malloc(BIG);
    pthread_create(&a, NULL, first, NULL);  /* CREATE */
    pthread_create(&b, NULL, second, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(small);
    free(big);
    return 0;
}
