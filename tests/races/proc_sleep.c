// proc_sleep: T1 stores to a global; T2 usleep()s as if that were enough to
// be "surely after" the store, then loads it. Sleeping creates no
// happens-before edge, so this is a race. (The order the test relies on comes
// from uninstr_sync, invisible to crace; usleep is the only "sync" in sight.)
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 31 22
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "uninstr_sync.h"

int config;
static int stored;

static void *setter(void *arg)
{
    config = 5;
    crace_test_signal(&stored);
    return arg;
}

static void *getter(void *arg)
{
    usleep(1000); /* "the setter is done by now" */
    crace_test_wait(&stored);
    *(int *)arg = config;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int got = 0;

    pthread_create(&t1, NULL, setter, NULL); /* CREATE */
    pthread_create(&t2, NULL, getter, &got); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("got = %d\n", got);
    return 0;
}
