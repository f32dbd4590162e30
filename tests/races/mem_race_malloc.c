// mem_race_malloc: main mallocs an int array and hands it to two threads
// that both write element 5 with no synchronization: a write/write race on
// a heap block. uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 32
// RACE-FUNCS: first second
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int first_done;

static void *first(void *arg)
{
    int *p = arg;

    p[5] = 1;
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    int *p = arg;

    crace_test_wait(&first_done);
    p[5] = 2;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int *p = malloc(16 * sizeof *p);

    if (!p)
        return 1;
    pthread_create(&t1, NULL, first, p);  /* CREATE */
    pthread_create(&t2, NULL, second, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(p);
    return 0;
}
