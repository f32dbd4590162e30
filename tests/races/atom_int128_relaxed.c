// atom_int128_relaxed: atom_int128 with a relaxed 128-bit store and load.
// T2 sees the flag but does not synchronize with T1, so its read of the
// payload races with T1's write. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 35
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// CFLAGS: -mcx16
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static int payload;
static _Alignas(16) unsigned __int128 flag;
static int published;

static void *producer(void *arg)
{
    payload = 42;
    __atomic_store_n(&flag, (unsigned __int128)1 << 100, __ATOMIC_RELAXED);
    crace_test_signal(&published);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&published);
    if (__atomic_load_n(&flag, __ATOMIC_RELAXED) != 0)
        seen = payload;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
