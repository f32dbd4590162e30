/*
 * heap.c - the heap blocks, for "Location is heap block of size 40 at
 * 0x... allocated by thread T1:". A freed block's record stays, marked
 * freed, until the quarantine hands the block back to glibc (heap_take).
 *
 * A block's record (start, size, allocating thread, stack) lives in a
 * global array of records, found through the heap meta map (shadow.h): the
 * 32-bit word for the block's first 16 bytes holds its record number. So
 * malloc and free take no lock and touch no shared table (a sharded hash
 * table had every malloc and free bounce a lock's cache line between
 * threads: a third of malloc_churn's time). Free records go to a list of
 * the thread that dropped them; past FREE_KEEP of them, a batch moves to a
 * shared list (one lock per batch) where a thread that allocates more than
 * it frees (a producer) takes them back.
 *
 * A record is 32 bytes: the allocation stack is kept in the stack depot
 * (stackdepot.h), by id. Blocks come from a few call sites; a copy of the
 * stack per record made hashtable's half a million live nodes cost 72 MiB
 * of records (176 bytes each), more than its blocks themselves.
 *
 * Writers: the thread allocating a block fills a record no one else can
 * reach yet, then publishes its number in the meta word (release); the
 * freeing thread marks it freed (an exchange of freed_by: of two frees of
 * one block, one sees the other), and the thread handing the block back
 * to glibc takes the number back with a compare-and-swap. Reports read
 * without locks: a record being reused at that moment may be copied torn,
 * which can only blur a location line (a stack id torn or read as a free
 * list link gives another stack or none: stackdepot.h).
 */
#include "heap.h"
#include "quarantine.h"
#include "shadow.h"
#include "stackdepot.h"

#define CHUNK_SHIFT 12 /* records per chunk: 4096 */
#define MAX_CHUNKS (1u << 16)

struct heap_rec {
    uintptr_t start;
    size_t usable;     /* malloc_usable_size at allocation */
    uint32_t slack;    /* usable - size as requested (at most UINT32_MAX: see heap_add) */
    uint32_t uid;      /* allocating thread's T number */
    uint32_t freed_by; /* 0: live; else the freeing thread's T number + 1 */
    union {
        uint32_t stack;     /* in use: the allocation stack's depot id */
        uint32_t next_free; /* free: list link, record number, 0 = end */
    };
};
_Static_assert(sizeof(struct heap_rec) == HEAP_RECORD_BYTES, "heap.h: HEAP_RECORD_BYTES");

/* Chunks of records, created on demand (CAS NULL -> chunk) and never freed. */
static struct heap_rec *chunks[MAX_CHUNKS];
/* Record numbers handed out so far (0 is never used); atomic. */
static uint32_t nrecords;
/* Records this thread freed, ready for its next allocations. */
static __thread uint32_t free_records __attribute__((tls_model("initial-exec")));
static __thread uint32_t nfree __attribute__((tls_model("initial-exec")));

#define FREE_KEEP 256 /* records a thread keeps before giving a batch back */
#define FREE_BATCH 128

/* Batches of free records given back by threads; guarded by shared_lock. */
static rt_lock shared_lock;
static uint32_t shared_free;

static struct heap_rec *rec(uint32_t n)
{
    return &chunks[n >> CHUNK_SHIFT][n & ((1u << CHUNK_SHIFT) - 1)];
}

/* Move up to max of this thread's free records to the shared list. */
static void give_records(uint32_t max)
{
    uint32_t first = free_records, last = first, moved = 1;
    if (!first)
        return;
    for (; moved < max && rec(last)->next_free; moved++)
        last = rec(last)->next_free;
    free_records = rec(last)->next_free;
    nfree -= moved;
    rt_lock_acquire(&shared_lock);
    rec(last)->next_free = shared_free;
    shared_free = first;
    rt_lock_release(&shared_lock);
}

static void take_batch(void)
{
    if (!__atomic_load_n(&shared_free, __ATOMIC_RELAXED))
        return;
    rt_lock_acquire(&shared_lock);
    uint32_t first = shared_free, last = first;
    int n = first ? 1 : 0;
    for (; n && n < FREE_BATCH && rec(last)->next_free; n++)
        last = rec(last)->next_free;
    if (first) {
        shared_free = rec(last)->next_free;
        rec(last)->next_free = 0;
    }
    rt_lock_release(&shared_lock);
    free_records = first;
    nfree = (uint32_t)n;
}

static uint32_t rec_new(void)
{
    if (!free_records)
        take_batch();
    uint32_t n = free_records;
    if (n) {
        free_records = rec(n)->next_free;
        nfree--;
        return n;
    }
    n = __atomic_add_fetch(&nrecords, 1, __ATOMIC_RELAXED);
    uint32_t c = n >> CHUNK_SHIFT;
    if (c >= MAX_CHUNKS)
        rt_die("more than %u live heap blocks", MAX_CHUNKS << CHUNK_SHIFT);
    if (!__atomic_load_n(&chunks[c], __ATOMIC_ACQUIRE)) {
        struct heap_rec *fresh = rt_map(sizeof(struct heap_rec) << CHUNK_SHIFT), *none = 0;
        if (!__atomic_compare_exchange_n(&chunks[c], &none, fresh, 0, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE))
            rt_unmap(fresh, sizeof(struct heap_rec) << CHUNK_SHIFT);
    }
    return n;
}

static void rec_free(uint32_t n)
{
    rec(n)->next_free = free_records;
    free_records = n;
    if (++nfree > FREE_KEEP)
        give_records(FREE_BATCH);
}

/* The free lists are the thread's own, but a signal handler that allocates
 * could run in the middle of an update: signals wait until it is done. */
void heap_add(struct crace_thread *t, uintptr_t start, size_t size, size_t usable, uintptr_t pc)
{
    uint32_t *meta = shadow_meta(start, 1);
    if (!meta)
        return;
    uintptr_t pcs[HEAP_STACK];
    uint32_t stack = depot_put(pcs, thread_stack_copy(t, pc, pcs, HEAP_STACK));
    rt_signals_defer();
    uint32_t n = rec_new();
    struct heap_rec *b = rec(n);
    b->start = start;
    b->usable = usable;
    /* only an alignment of 4 GiB could make it larger: the size shown is then off */
    b->slack = usable <= size               ? 0
               : usable - size < UINT32_MAX ? (uint32_t)(usable - size)
                                            : UINT32_MAX;
    b->uid = t->uid;
    b->stack = stack;
    b->freed_by = 0;
    /* a record already there: the block was freed without passing through us */
    uint32_t old = __atomic_exchange_n(meta, n, __ATOMIC_RELEASE);
    if (old)
        rec_free(old);
    rt_signals_undefer();
}

void heap_remove(uintptr_t start)
{
    uint32_t *meta = shadow_meta(start, 0);
    uint32_t n = meta ? __atomic_exchange_n(meta, 0, __ATOMIC_ACQUIRE) : 0;
    if (n) {
        rt_signals_defer();
        rec_free(n);
        rt_signals_undefer();
    }
}

/* The record of the block starting exactly at start (a pointer into a
 * block's first 16 bytes shares its meta word, but is not the block). */
static uint32_t rec_at(uintptr_t start)
{
    uint32_t *meta = shadow_meta(start, 0);
    uint32_t n = meta ? __atomic_load_n(meta, __ATOMIC_ACQUIRE) : 0;
    return n && rec(n)->start == start ? n : 0;
}

size_t heap_usable(uintptr_t start)
{
    uint32_t n = rec_at(start);
    return n ? rec(n)->usable : 0;
}

uint32_t heap_mark_freed(uintptr_t start, uint32_t uid, size_t *usable, int *twice)
{
    uint32_t n = rec_at(start);
    *usable = n ? rec(n)->usable : 0;
    /* two threads freeing one block at once: only one sees it live */
    *twice = n && __atomic_exchange_n(&rec(n)->freed_by, uid + 1, __ATOMIC_ACQ_REL) != 0;
    return n;
}

int heap_take(uintptr_t start, uint32_t rec_no)
{
    uint32_t *meta = shadow_meta(start, 0);
    if (!meta ||
        !__atomic_compare_exchange_n(meta, &rec_no, 0, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
        return 0;
    rt_signals_defer();
    rec_free(rec_no);
    rt_signals_undefer();
    return 1;
}

uint32_t heap_records_made(void)
{
    return __atomic_load_n(&nrecords, __ATOMIC_RELAXED);
}

/* The quarantine first: handing blocks back frees records. */
void heap_thread_exit(void)
{
    quarantine_thread_exit();
    give_records(UINT32_MAX);
}

/* The quarantine's lock too: it is never held together with ours. */
void heap_fork_prepare(void)
{
    quarantine_fork_prepare();
    rt_lock_acquire(&shared_lock);
}

void heap_fork_done(void)
{
    rt_lock_release(&shared_lock);
    quarantine_fork_done();
}

/* How far below an address heap_find looks for the start of its block. */
#define FIND_BACK (256ul << 20)

int heap_find(uintptr_t addr, struct heap_info *out)
{
    uintptr_t lo = addr > FIND_BACK ? addr - FIND_BACK : 0;
    for (uintptr_t a = addr & ~15ul;; a -= 16) {
        uint32_t *meta = shadow_meta(a, 0);
        if (!meta) { /* no shadow: no block starts in this region */
            uintptr_t region = a & ~SHADOW_REGION_MASK;
            if (region <= lo || region == 0)
                return 0;
            a = region; /* continue just below it */
            continue;
        }
        uint32_t n = __atomic_load_n(meta, __ATOMIC_ACQUIRE);
        if (n) {
            struct heap_rec b;
            rt_memcpy(&b, rec(n), sizeof b);
            out->start = b.start;
            out->size = b.usable - b.slack;
            out->usable = b.usable;
            out->uid = b.uid;
            out->freed_by = b.freed_by;
            out->depth = depot_get(b.stack, out->stack, HEAP_STACK);
            return addr >= out->start && addr < out->start + (out->size ? out->size : 1);
        }
        if (a <= lo || a < 16)
            return 0;
    }
}
