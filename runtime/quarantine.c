/*
 * quarantine.c - freed heap blocks held back from glibc, oldest handed back
 * first, within a byte budget (option quarantine_mb; 0 turns it off).
 *
 * Each thread fills a batch of its own (no lock, no shared cache line per
 * free). A full batch, or one holding more than a thread's share of the
 * budget, joins a shared FIFO under one lock; while the FIFO is over the
 * budget its oldest batches come off it, and the thread that pushed hands
 * their blocks back after dropping the lock. So a free costs one lock per
 * BATCH_BLOCKS frees at most, and the memory held is the budget plus at
 * most one partial batch per live thread (each under LOCAL_MAX bytes). A
 * finishing thread pushes its partial batch (heap_thread_exit); at program
 * exit blocks stay held: handing them back would only cost time, and
 * exit-time destructors may still write to them.
 *
 * A block's charge is its usable size plus its bookkeeping (entry and heap
 * record), so a budget full of tiny blocks does not hold millions of
 * records. The block's pointer and record live in the batch, never in the
 * freed memory itself: the program may write there.
 */
#include "quarantine.h"
#include "heap.h"
#include "options.h"
#include "rt.h"

#define BATCH_BLOCKS 256
#define LOCAL_MAX (1ul << 20) /* bytes a thread holds before pushing its batch */

struct entry {
    uintptr_t p;
    uint32_t rec;
    size_t charge;
};

struct batch {
    struct batch *next; /* FIFO link, newer */
    size_t bytes;       /* sum of the entries' charges */
    uint32_t n;
    struct entry e[BATCH_BLOCKS];
};

/* This thread's batch being filled (NULL until its first free). */
static __thread struct batch *local __attribute__((tls_model("initial-exec")));

/* The shared FIFO of full batches, guarded by lock. */
static rt_lock lock;
static struct batch *oldest, *newest;
static size_t shared_bytes;

static size_t budget(void)
{
    return (size_t)opt_quarantine_mb << 20;
}

/* A thread's share: a 16th of the budget, at most LOCAL_MAX. */
static size_t local_max(void)
{
    size_t share = budget() / 16;
    return share < LOCAL_MAX ? share : LOCAL_MAX;
}

/* Hand a batch's blocks back to glibc, oldest first. A block whose record
 * is already gone was handed back by a double free (intercept_malloc.c).
 * Signals wait: a handler that allocates must not find glibc's arena lock
 * held by this thread (intercept_malloc.c, glibc_malloc). */
static void release(struct batch *b)
{
    rt_signals_defer();
    for (uint32_t i = 0; i < b->n; i++)
        if (heap_take(b->e[i].p, b->e[i].rec))
            __libc_free((void *)b->e[i].p);
    b->n = 0;
    b->bytes = 0;
    rt_signals_undefer();
}

/* Batches over the budget, oldest first, off the FIFO; lock held. */
static struct batch *take_excess(void)
{
    struct batch *first = 0, **tail = &first;
    while (oldest && shared_bytes > budget()) {
        struct batch *b = oldest;
        oldest = b->next;
        if (!oldest)
            newest = 0;
        shared_bytes -= b->bytes;
        b->next = 0;
        *tail = b;
        tail = &b->next;
    }
    return first;
}

/* Push b onto the FIFO and hand back what no longer fits. Returns an
 * emptied batch for reuse, or NULL. */
static struct batch *push(struct batch *b)
{
    b->next = 0;
    rt_lock_acquire(&lock);
    if (newest)
        newest->next = b;
    else
        oldest = b;
    newest = b;
    shared_bytes += b->bytes;
    struct batch *excess = take_excess();
    rt_lock_release(&lock);
    struct batch *spare = 0;
    while (excess) {
        struct batch *next = excess->next;
        release(excess);
        if (spare)
            rt_free(excess);
        else
            spare = excess;
        excess = next;
    }
    return spare;
}

/* The thread's batch is full: push it and start another. A signal handler
 * freeing meanwhile starts its own batch, which is kept. */
static void push_local(void)
{
    rt_signals_defer();
    struct batch *full = local;
    local = 0;
    rt_signals_undefer();
    struct batch *spare = push(full);
    rt_signals_defer();
    if (!local && spare)
        local = spare, spare = 0;
    rt_signals_undefer();
    if (spare)
        rt_free(spare);
}

int quarantine_put(uintptr_t p, uint32_t rec, size_t usable)
{
    if (opt_quarantine_mb == 0 || !rec)
        return 0;
    size_t charge = usable + sizeof(struct entry) + sizeof(struct heap_info);
    rt_signals_defer();
    if (!local)
        local = rt_alloc(sizeof *local);
    struct batch *b = local;
    b->e[b->n++] = (struct entry){p, rec, charge};
    b->bytes += charge;
    int full = b->n == BATCH_BLOCKS || b->bytes >= local_max();
    rt_signals_undefer();
    if (full)
        push_local();
    return 1;
}

void quarantine_thread_exit(void)
{
    rt_signals_defer();
    struct batch *b = local;
    local = 0;
    rt_signals_undefer();
    if (!b)
        return;
    if (b->n)
        b = push(b);
    if (b)
        rt_free(b);
}

void quarantine_fork_prepare(void)
{
    rt_lock_acquire(&lock);
}

void quarantine_fork_done(void)
{
    rt_lock_release(&lock);
}

size_t quarantine_shared_bytes(void)
{
    rt_lock_acquire(&lock);
    size_t n = shared_bytes;
    rt_lock_release(&lock);
    return n;
}
