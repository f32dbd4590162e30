// mem_race_aligned: one block from each aligned allocator (posix_memalign,
// aligned_alloc, memalign, valloc); two threads write byte 1 of each with
// no synchronization: four write/write races, one per block. uninstr_sync
// makes T1 write first.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 25 36
// RACE-LINES: 26 37
// RACE-LINES: 27 38
// RACE-LINES: 28 39
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static char *pm, *aa, *ma, *va;
static int first_done;

static void *first(void *arg)
{
    pm[1] = 1;
    aa[1] = 1;
    ma[1] = 1;
    va[1] = 1;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    pm[1] = 2;
    aa[1] = 2;
    ma[1] = 2;
    va[1] = 2;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    void *p;

    if (posix_memalign(&p, 64, 128))
        return 1;
    pm = p;
    aa = aligned_alloc(64, 128);
    ma = memalign(64, 128);
    va = valloc(128);
    if (!aa || !ma || !va)
        return 1;
    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(pm);
    free(aa);
    free(ma);
    free(va);
    return 0;
}
