// report_once: two threads each store to the same int 1000 times with no
// synchronization. Every store of T2 races with T1's stores, but it is one
// pair of code locations, so crace must print exactly one report. T1 runs
// its loop first (ordered through uninstr_sync, invisible to crace).
// `shared` is volatile so that every iteration really stores at -O2.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 27
// RACE-FUNCS: store_loop
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

volatile int shared;
static int t1_done;

static void *store_loop(void *arg)
{
    int id = *(int *)arg;

    if (id == 2)
        crace_test_wait(&t1_done);
    for (int i = 0; i < 1000; i++)
        shared = i;
    if (id == 1)
        crace_test_signal(&t1_done);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int id1 = 1, id2 = 2;

    pthread_create(&t1, NULL, store_loop, &id1); /* CREATE */
    pthread_create(&t2, NULL, store_loop, &id2); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
