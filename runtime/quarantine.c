/*
 * quarantine.c - freed heap blocks held back from glibc, oldest handed back
 * first, within a byte budget (option quarantine_mb; 0 turns it off).
 *
 * Each thread holds the blocks it freed: a batch being filled, then a queue
 * of full batches (BATCH_BLOCKS blocks, or a 16th of the budget), all its
 * own: a free takes no lock and touches no shared cache line. A thread
 * pushing a full batch hands back its own oldest batches while its queue
 * is over its share of the budget: the budget divided among the threads
 * whose queues hold blocks. A thread never hands back another live
 * thread's blocks: glibc would give them to the thread that hands them
 * back, and memory moving between threads leaves shadow planes marked
 * used there, which every later allocation in it must clear (one batch
 * taken over in malloc_churn cost 30% of its time for the rest of the run).
 *
 * A finishing thread's blocks go to the orphan queue (heap_thread_exit):
 * they stay quarantined, as another thread may still use them; each batch
 * pushed by a live thread hands one orphan batch back, and a finishing
 * thread keeps the orphans within half the budget. At program exit blocks
 * stay held: handing them back would only cost time, and exit-time
 * destructors of other threads may still write to them.
 *
 * Bounds: a thread's queue stays within its share as of its last push, so
 * the memory held is the budget, plus the orphans (half the budget), plus
 * one partial batch per thread, plus what an idle thread kept when its
 * share shrank (new threads started freeing): at most the budget again,
 * handed back when it pushes or ends.
 *
 * A block's charge is its usable size plus its bookkeeping (entry and heap
 * record), and a batch's own size is charged too, so a budget full of tiny
 * blocks, or of threads' partial batches, does not hold millions of
 * records or thousands of batches. The block's pointer and record live in
 * the batch, never in the freed memory itself: the program may write
 * there.
 */
#include "quarantine.h"
#include "heap.h"
#include "options.h"
#include "rt.h"

#define BATCH_BLOCKS 256

struct entry {
    uintptr_t p;
    uint32_t rec;
    size_t charge;
};

struct batch {
    struct batch *next; /* queue link, towards newer */
    size_t bytes;       /* its own size plus the entries' charges */
    uint32_t n;
    struct entry e[BATCH_BLOCKS];
};

struct queue {
    struct batch *oldest, *newest;
    size_t bytes;
};

/* This thread's quarantine (its own: no lock). */
static __thread struct queue mine __attribute__((tls_model("initial-exec")));
static __thread struct batch *filling __attribute__((tls_model("initial-exec")));

static rt_lock orphans_lock;
static struct queue orphans; /* finished threads' batches; orphans_lock */
static unsigned nqueues;     /* threads whose queue holds blocks; atomic */
static size_t held;          /* bytes in all queues; atomic (tests) */

static size_t budget(void)
{
    return (size_t)opt_quarantine_mb << 20;
}

static void enqueue(struct queue *q, struct batch *b)
{
    b->next = 0;
    if (q->newest)
        q->newest->next = b;
    else
        q->oldest = b;
    q->newest = b;
    q->bytes += b->bytes;
}

/* The oldest batch off q, or NULL. */
static struct batch *dequeue(struct queue *q)
{
    struct batch *b = q->oldest;
    if (!b)
        return 0;
    q->oldest = b->next;
    if (!q->oldest)
        q->newest = 0;
    q->bytes -= b->bytes;
    return b;
}

/* Hand a batch's blocks back to glibc, oldest first, and empty it. A block
 * whose record is already gone was handed back by a double free
 * (intercept_malloc.c). */
static void release(struct batch *b)
{
    __atomic_sub_fetch(&held, b->bytes, __ATOMIC_RELAXED);
    for (uint32_t i = 0; i < b->n; i++)
        if (heap_take(b->e[i].p, b->e[i].rec))
            __libc_free((void *)b->e[i].p);
    b->n = 0;
    b->bytes = sizeof *b;
}

static struct batch *orphan_batch(void)
{
    if (!__atomic_load_n(&orphans.oldest, __ATOMIC_RELAXED))
        return 0;
    rt_lock_acquire(&orphans_lock);
    struct batch *b = dequeue(&orphans);
    rt_lock_release(&orphans_lock);
    return b;
}

/* The share of the budget of each thread whose queue holds blocks. */
static size_t share(void)
{
    unsigned n = __atomic_load_n(&nqueues, __ATOMIC_RELAXED);
    return budget() / (n ? n : 1);
}

/*
 * The thread's batch is full: queue it, then hand back one orphan batch,
 * and this thread's oldest while it holds more than its share. An emptied
 * batch becomes the next one to fill. Signals wait (quarantine_put).
 */
static void push_filling(void)
{
    struct batch *full = filling;
    filling = 0;
    if (!mine.oldest)
        __atomic_add_fetch(&nqueues, 1, __ATOMIC_RELAXED);
    enqueue(&mine, full);
    __atomic_add_fetch(&held, full->bytes, __ATOMIC_RELAXED);
    struct batch *out = orphan_batch();
    if (!out && mine.bytes > share())
        out = dequeue(&mine);
    while (out) {
        if (!mine.oldest)
            __atomic_sub_fetch(&nqueues, 1, __ATOMIC_RELAXED);
        release(out);
        if (filling)
            rt_free(out);
        else
            filling = out;
        out = mine.bytes > share() ? dequeue(&mine) : 0;
    }
}

/* Signals wait throughout: a handler that frees must not see this
 * thread's queue half-updated, and one that allocates must not find
 * glibc's arena lock held by a release (intercept_malloc.c, glibc_malloc). */
int quarantine_put(uintptr_t p, uint32_t rec, size_t usable)
{
    if (opt_quarantine_mb == 0 || !rec)
        return 0;
    size_t charge = usable + sizeof(struct entry) + HEAP_RECORD_BYTES;
    rt_signals_defer();
    if (!filling) {
        filling = rt_alloc(sizeof *filling);
        filling->bytes = sizeof *filling;
    }
    struct batch *b = filling;
    b->e[b->n++] = (struct entry){p, rec, charge};
    b->bytes += charge;
    if (b->n == BATCH_BLOCKS || b->bytes >= budget() / 16)
        push_filling();
    rt_signals_undefer();
    return 1;
}

/*
 * The finishing thread's queue and partial batch join the orphans, which
 * it then trims to half the budget: with many short threads that each
 * free a little, no thread may ever push a batch to hand orphans back.
 */
void quarantine_thread_exit(void)
{
    rt_signals_defer();
    if (filling && filling->n) {
        if (!mine.oldest)
            __atomic_add_fetch(&nqueues, 1, __ATOMIC_RELAXED);
        enqueue(&mine, filling);
        __atomic_add_fetch(&held, filling->bytes, __ATOMIC_RELAXED);
    } else {
        rt_free(filling);
    }
    filling = 0;
    if (mine.oldest) {
        __atomic_sub_fetch(&nqueues, 1, __ATOMIC_RELAXED);
        rt_lock_acquire(&orphans_lock);
        for (struct batch *b; (b = dequeue(&mine));)
            enqueue(&orphans, b);
        rt_lock_release(&orphans_lock);
    }
    while (__atomic_load_n(&orphans.bytes, __ATOMIC_RELAXED) > budget() / 2) {
        struct batch *b = orphan_batch();
        if (!b)
            break;
        release(b);
        rt_free(b);
    }
    rt_signals_undefer();
}

void quarantine_fork_prepare(void)
{
    rt_lock_acquire(&orphans_lock);
}

void quarantine_fork_done(void)
{
    rt_lock_release(&orphans_lock);
}

size_t quarantine_held_bytes(void)
{
    return __atomic_load_n(&held, __ATOMIC_RELAXED);
}
