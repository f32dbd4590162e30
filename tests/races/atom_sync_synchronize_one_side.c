// atom_sync_synchronize_one_side: atom_sync_synchronize where only T1 has
// the __sync_synchronize barrier. A fence in the writer alone makes no
// edge to a reader that uses only a relaxed load, so T2's payload read
// races with T1's write. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 36
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static int payload;
static int flag;
static int published;

static void *producer(void *arg)
{
    payload = 42;
    __sync_synchronize();
    __atomic_store_n(&flag, 1, __ATOMIC_RELAXED);
    crace_test_signal(&published);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&published);
    if (__atomic_load_n(&flag, __ATOMIC_RELAXED))
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
