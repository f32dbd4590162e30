// location_stack: a race on a local of main whose address escapes to a
// thread says whose stack the memory is.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 20 30
// STDERR-HAS: Location is stack of main thread
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static long *shared;
static int written;

static void *child(void *arg)
{
    crace_test_wait(&written);
    long *p = __atomic_load_n(&shared, __ATOMIC_RELAXED);
    *p = 2;
    return arg;
}

int main(void)
{
    long local = 0;
    pthread_t t;
    __atomic_store_n(&shared, &local, __ATOMIC_RELAXED);
    pthread_create(&t, NULL, child, NULL); /* CREATE */
    local = 1;
    crace_test_signal(&written);
    pthread_join(t, NULL);
    return local == 2 ? 0 : 1;
}
