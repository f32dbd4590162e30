/*
 * heap.c - the live heap blocks, for "Location is heap block of size 40 at
 * 0x... allocated by thread T1:".
 *
 * A block's record (start, size, allocating thread, stack) lives in a
 * global array of records, found through the heap meta map (shadow.h): the
 * 32-bit word for the block's first 16 bytes holds its record number. So
 * malloc and free take no lock and touch no shared table (a sharded hash
 * table had every malloc and free bounce a lock's cache line between
 * threads: a third of malloc_churn's time). Free records go to a list of
 * the thread that freed them.
 *
 * Writers: the thread allocating a block fills a record no one else can
 * reach yet, then publishes its number in the meta word (release); the
 * freeing thread takes the number back with an exchange. Reports read
 * without locks: a record being reused at that moment may be copied torn,
 * which can only blur a location line.
 */
#include "heap.h"
#include "shadow.h"

#define CHUNK_SHIFT 12 /* records per chunk: 4096 */
#define MAX_CHUNKS (1u << 16)

struct heap_rec {
    struct heap_info info;
    uint32_t next_free; /* free list link: record number, 0 = end */
};

/* Chunks of records, created on demand (CAS NULL -> chunk) and never freed. */
static struct heap_rec *chunks[MAX_CHUNKS];
/* Record numbers handed out so far (0 is never used); atomic. */
static uint32_t nrecords;
/* Records this thread freed, ready for its next allocations. */
static __thread uint32_t free_records __attribute__((tls_model("initial-exec")));

static struct heap_rec *rec(uint32_t n)
{
    return &chunks[n >> CHUNK_SHIFT][n & ((1u << CHUNK_SHIFT) - 1)];
}

static uint32_t rec_new(void)
{
    uint32_t n = free_records;
    if (n) {
        free_records = rec(n)->next_free;
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
}

void heap_add(struct crace_thread *t, uintptr_t start, size_t size, uintptr_t pc)
{
    uint32_t *meta = shadow_meta(start, 1);
    if (!meta)
        return;
    uint32_t n = rec_new();
    struct heap_info *b = &rec(n)->info;
    b->start = start;
    b->size = size;
    b->uid = t->uid;
    b->depth = thread_stack_copy(t, pc, b->stack, HEAP_STACK);
    /* a record already there: a block freed inside libc, or realloc in place */
    uint32_t old = __atomic_exchange_n(meta, n, __ATOMIC_RELEASE);
    if (old)
        rec_free(old);
}

void heap_remove(uintptr_t start)
{
    uint32_t *meta = shadow_meta(start, 0);
    uint32_t n = meta ? __atomic_exchange_n(meta, 0, __ATOMIC_ACQUIRE) : 0;
    if (n)
        rec_free(n);
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
            rt_memcpy(out, &rec(n)->info, sizeof *out);
            return addr >= out->start && addr < out->start + (out->size ? out->size : 1);
        }
        if (a <= lo || a < 16)
            return 0;
    }
}
