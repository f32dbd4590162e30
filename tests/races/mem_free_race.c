// mem_free_race: T1 writes p[3] of a heap block; then T2 frees the block
// with no synchronization. free is a write of the whole block, so it races
// with T1's write. uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 30 22
// RACE-FUNCS: writer freer
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int written;

static void *writer(void *arg)
{
    int *p = arg;

    p[3] = 1;
    crace_test_signal(&written);
    return NULL;
}

static void *freer(void *arg)
{
    crace_test_wait(&written);
    free(arg);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int *p = malloc(16 * sizeof *p);

    if (!p)
        return 1;
    pthread_create(&t1, NULL, writer, p); /* CREATE */
    pthread_create(&t2, NULL, freer, p);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
