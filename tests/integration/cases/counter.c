// counter: two threads increment a shared int with no synchronization.
// counter++ both reads and writes, so the report may name either access of
// T2; the previous access is T1's write. T1 increments before T2 does
// (ordered through uninstr_sync, invisible to crace), so one increment per
// thread is enough, and unlike a loop it cannot be hoisted at -O2 onto
// another source line.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 27
// RACE-FUNCS: inc
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

int counter;
static int t1_done;

static void *inc(void *arg)
{
    int id = *(int *)arg;

    if (id == 2)
        crace_test_wait(&t1_done);
    counter++;
    if (id == 1)
        crace_test_signal(&t1_done);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int id1 = 1, id2 = 2;

    pthread_create(&t1, NULL, inc, &id1); /* CREATE */
    pthread_create(&t2, NULL, inc, &id2); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", counter);
    return 0;
}
