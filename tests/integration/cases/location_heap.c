// location_heap: a race on a malloc'd block names the block, its size and
// where (and by which thread) it was allocated.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 29
// STDERR-HAS: Location is heap block of size 40 at
// STDERR-HAS: allocated by main thread:
// STDERR-HAS: location_heap.c:35
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

long *block;
static int first_done;

static void *first(void *arg)
{
    block[2] = 1;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    block[2] = 2;
    return arg;
}

int main(void)
{
    block = malloc(5 * sizeof *block);
    pthread_t a, b;
    pthread_create(&a, NULL, first, NULL);  /* CREATE */
    pthread_create(&b, NULL, second, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(block);
    return 0;
}
