// ann_ignore_end: ignore regions nest and end. T1 writes x inside two nested
// crace_ignore_begin()s, y after one crace_ignore_end() (still ignored) and z
// after the second (checked again); T2 then writes all three. Only z races.
// Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 29
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>

#include "crace.h"
#include "uninstr_sync.h"

_Alignas(64) int x;
_Alignas(64) int y;
_Alignas(64) int z;
static int first_done;

static void *first(void *arg)
{
    crace_ignore_begin();
    crace_ignore_begin();
    x = 1;
    crace_ignore_end();
    y = 1;
    crace_ignore_end();
    z = 1;
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    x = 2;
    y = 2;
    z = 2;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
