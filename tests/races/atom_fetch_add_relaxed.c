// atom_fetch_add_relaxed: atom_fetch_add_acq_rel with relaxed fetch_adds
// on the 16-bit counter. The second worker still sees the count reach 2,
// but relaxed RMWs do not synchronize: its read of the first worker's slot
// races with that write. uninstr_sync makes the first worker go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 37
// RACE-FUNCS: first second
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static int slot[2];
static atomic_ushort arrived;
static int first_done;

static void *first(void *arg)
{
    slot[0] = 1;
    atomic_fetch_add_explicit(&arrived, 1, memory_order_relaxed);
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&first_done);
    slot[1] = 2;
    if (atomic_fetch_add_explicit(&arrived, 1, memory_order_relaxed) == 1)
        seen = slot[0];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
