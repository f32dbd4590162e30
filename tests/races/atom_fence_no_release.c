// atom_fence_no_release: atom_fence without the release fence in T1. T2's
// acquire fence after its relaxed load has no release (fence or store) to
// pair with, so T2's payload read races with T1's write. uninstr_sync
// makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 37
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static int payload;
static atomic_int flag;
static int published;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    crace_test_signal(&published);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&published);
    if (atomic_load_explicit(&flag, memory_order_relaxed)) {
        atomic_thread_fence(memory_order_acquire);
        seen = payload;
    }
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
