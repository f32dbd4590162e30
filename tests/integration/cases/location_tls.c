// location_tls: a race on main's thread-local variable, whose address main
// hands to a child, says whose TLS the memory is.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 31
// STDERR-HAS: Location is TLS of main thread
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

__thread long mine;
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
    pthread_t t;
    long *p = &mine;
    __atomic_store_n(&shared, p, __ATOMIC_RELAXED);
    pthread_create(&t, NULL, child, NULL); /* CREATE */
    *p = 1;
    crace_test_signal(&written);
    pthread_join(t, NULL);
    return mine == 2 ? 0 : 1;
}
