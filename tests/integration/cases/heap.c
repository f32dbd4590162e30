// heap: main allocates an int with malloc and hands it to two threads that
// both write it with no synchronization. T1 writes first (ordered through
// uninstr_sync, invisible to crace).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 23
// RACE-FUNCS: second first
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int first_done;

static void *first(void *arg)
{
    int *p = arg;

    *p = 1;
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    int *p = arg;

    crace_test_wait(&first_done);
    *p = 2;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int *p = malloc(sizeof *p);

    if (!p)
        return 1;
    *p = 0;
    pthread_create(&t1, NULL, first, p);  /* CREATE */
    pthread_create(&t2, NULL, second, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("*p = %d\n", *p);
    free(p);
    return 0;
}
