// atom_relseq_same_thread: a release sequence continues through later
// stores of the thread that headed it, relaxed ones included (C11
// 5.1.2.4). T1 writes the payload, release-stores 1, then relaxed-stores
// 2. T2 starts only after that (uninstr_sync: it never reads the 1),
// acquire-loads 2 and reads the payload: it synchronizes with T1's release
// store through the sequence. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload;
static atomic_int flag;
static int stored;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_release);
    atomic_store_explicit(&flag, 2, memory_order_relaxed);
    crace_test_signal(&stored);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    crace_test_wait(&stored);
    while (atomic_load_explicit(&flag, memory_order_acquire) != 2)
        sched_yield();
    return (void *)payload;
}

int main(void)
{
    pthread_t t1, t2;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &seen);
    return seen == (void *)42L ? 0 : 1;
}
