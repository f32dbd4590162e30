// mem_use_after_free: T1 frees a heap block; then T2 reads p[3] with no
// synchronization. free is a write of the whole block, so T2's read races
// with it (a use after free from another thread). uninstr_sync makes the
// free come first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 21
// RACE-FUNCS: freer reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int freed;

static void *freer(void *arg)
{
    free(arg);
    crace_test_signal(&freed);
    return NULL;
}

static void *reader(void *arg)
{
    volatile int *p = arg;
    long seen;

    crace_test_wait(&freed);
    seen = p[3];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    int *p = malloc(16 * sizeof *p);

    if (!p)
        return 1;
    for (int i = 0; i < 16; i++)
        p[i] = i;
    pthread_create(&t1, NULL, freer, p);  /* CREATE */
    pthread_create(&t2, NULL, reader, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
