// atom_sync_vs_plain: T1 counts hits with __sync_fetch_and_add; T2 then
// reads the counter with a plain load. An atomic write and a plain read of
// the same int, unordered: a race (the atomic one is the previous access).
// uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 32
// RACE-FUNCS: counter_thread reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static int hits;
static int counted;

static void *counter_thread(void *arg)
{
    __sync_fetch_and_add(&hits, 1);
    crace_test_signal(&counted);
    return arg;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&counted);
    seen = hits;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, counter_thread, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);         /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
