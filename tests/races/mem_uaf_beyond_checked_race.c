// mem_uaf_beyond_checked_race: a free checks and marks only the first KiB
// of a block. T1 writes word 300 (byte 2400) of a 4 KiB block it was handed
// at creation, then frees the block; T2, created at the same time, writes
// the same word after the free (uninstr_sync). Past the first KiB the free
// left no mark, so the use after free is found as a race with T1's last
// write there; the location still says the block was freed, and by whom.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 37 26
// RACE-FUNCS: owner late_writer
// RACE-ACCESS: write write
// STDERR-HAS: freed by thread T1, allocated by main thread:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int freed;

static void *owner(void *arg)
{
    volatile long *p = arg; /* the store before free is not dead */

    p[300] = 1; /* RACY */
    free((void *)p);
    crace_test_signal(&freed);
    return NULL;
}

static void *late_writer(void *arg)
{
    long *p = arg;

    crace_test_wait(&freed);
    p[300] = 2; /* RACY */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(4096);

    if (!p)
        return 1;
    pthread_create(&t1, NULL, owner, p);       /* CREATE */
    pthread_create(&t2, NULL, late_writer, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
