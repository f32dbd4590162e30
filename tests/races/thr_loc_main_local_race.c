// thr_loc_main_local_race: main hands a pointer to one of its locals to a
// thread, then writes the local while the thread reads it (real-time order
// from uninstr_sync, no happens-before). The location is main's stack.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 20
// RACE-ACCESS: write read
// STDERR-HAS: Location is stack of main thread
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static int read_done;

static void *reader(void *arg)
{
    long *p = arg;
    long v = *p; /* RACY */

    crace_test_signal(&read_done);
    return (void *)v;
}

int main(void)
{
    long local = 5;
    pthread_t t;

    pthread_create(&t, NULL, reader, &local); /* CREATE */
    crace_test_wait(&read_done);
    local = 6; /* RACY */
    pthread_join(t, NULL);
    return local == 6 ? 0 : 1;
}
