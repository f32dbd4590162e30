// atom_relseq_same_thread_after_rmw: T1 writes the payload and
// release-stores 1 to a 16-bit stage; T2 waits for it with relaxed loads
// and moves it to 2 with a relaxed fetch_add (an RMW: the sequence goes
// on); T1 waits for the 2 with relaxed loads and relaxed-stores 3 (its own
// store: the sequence goes on). T3 starts after that (uninstr_sync),
// acquire-loads 3 and reads the payload: it synchronizes with T1. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload;
static _Atomic unsigned short stage;
static int stored;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&stage, 1, memory_order_release);
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 2)
        sched_yield();
    atomic_store_explicit(&stage, 3, memory_order_relaxed);
    crace_test_signal(&stored);
    return arg;
}

static void *relay(void *arg)
{
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 1)
        sched_yield();
    atomic_fetch_add_explicit(&stage, 1, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    crace_test_wait(&stored);
    while (atomic_load_explicit(&stage, memory_order_acquire) != 3)
        sched_yield();
    return (void *)payload;
}

int main(void)
{
    pthread_t t1, t2, t3;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, relay, NULL);    /* CREATE */
    pthread_create(&t3, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, &seen);
    return seen == (void *)42L ? 0 : 1;
}
