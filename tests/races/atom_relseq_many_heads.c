// atom_relseq_many_heads: six release sequences on one counter. Worker k
// waits (relaxed) for turn k and writes its payload pk; worker 0 then
// release-stores 1, workers 1..5 release fetch_add (each heads a sequence,
// the earlier ones go on). Worker 0 waits for turn 6 (relaxed) and
// relaxed-stores 100: its own sequence goes on, the other five end. The
// reader starts after that (uninstr_sync), acquire-loads 100: it
// synchronizes with worker 0 only. Its p0 read is ordered; the other five
// reads race with their writers.
//
// EXPECT: race
// REPORTS: 5
// RACE-LINES: 40 62
// RACE-LINES: 40 63
// RACE-LINES: 40 64
// RACE-LINES: 40 65
// RACE-LINES: 40 66
// RACE-FUNCS: worker reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

#define WORKERS 6

/* separate variables, read on separate lines: one report each */
static long p0, p1, p2, p3, p4, p5;
static long *const payload[WORKERS] = {&p0, &p1, &p2, &p3, &p4, &p5};
static atomic_int turn;
static int stored;

static void *worker(void *arg)
{
    int k = (int)(long)arg;

    while (atomic_load_explicit(&turn, memory_order_relaxed) != k)
        sched_yield();
    *payload[k] = k + 1; /* RACY */
    if (k == 0) {
        atomic_store_explicit(&turn, 1, memory_order_release);
        while (atomic_load_explicit(&turn, memory_order_relaxed) != WORKERS)
            sched_yield();
        atomic_store_explicit(&turn, 100, memory_order_relaxed);
        crace_test_signal(&stored);
    } else {
        atomic_fetch_add_explicit(&turn, 1, memory_order_release);
    }
    return arg;
}

static void *reader(void *arg)
{
    long sum = 0;

    (void)arg;
    crace_test_wait(&stored);
    while (atomic_load_explicit(&turn, memory_order_acquire) != 100)
        sched_yield();
    sum += p0;
    sum += p1; /* RACY */
    sum += p2; /* RACY */
    sum += p3; /* RACY */
    sum += p4; /* RACY */
    sum += p5; /* RACY */
    return (void *)sum;
}

int main(void)
{
    pthread_t w[WORKERS], r;

    for (long k = 0; k < WORKERS; k++)
        pthread_create(&w[k], NULL, worker, (void *)k); /* CREATE */
    pthread_create(&r, NULL, reader, NULL);             /* CREATE */
    for (int k = 0; k < WORKERS; k++)
        pthread_join(w[k], NULL);
    pthread_join(r, NULL);
    return 0;
}
