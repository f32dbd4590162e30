// atom_fence_seq_cst_chain: a seq_cst fence is both an acquire and a
// release fence, acquiring first. T1: payload, seq_cst fence, relaxed
// store of f1. T2: relaxed loads of f1 until set, ONE seq_cst fence,
// relaxed store of f2. T3: relaxed loads of f2 until set, seq_cst fence,
// payload read. T2's fence passes T1's writes on to T3. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_int f1, f2;

static void *first(void *arg)
{
    payload = 42;
    atomic_thread_fence(memory_order_seq_cst);
    atomic_store_explicit(&f1, 1, memory_order_relaxed);
    return arg;
}

static void *middle(void *arg)
{
    while (!atomic_load_explicit(&f1, memory_order_relaxed))
        sched_yield();
    atomic_thread_fence(memory_order_seq_cst);
    atomic_store_explicit(&f2, 1, memory_order_relaxed);
    return arg;
}

static void *last(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&f2, memory_order_relaxed))
        sched_yield();
    atomic_thread_fence(memory_order_seq_cst);
    return (void *)payload;
}

int main(void)
{
    pthread_t t1, t2, t3;
    void *seen;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, middle, NULL); /* CREATE */
    pthread_create(&t3, NULL, last, NULL);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, &seen);
    return seen == (void *)42L ? 0 : 1;
}
