/*
 * access.c - the compiler-facing memory access entry points
 * (__tsan_readN/__tsan_writeN and their unaligned, volatile, compound,
 * range and _pc variants) and the range walker.
 */
#include "access.h"
#include "orphan.h"

/* A cell of t's own slot left by an earlier owner of the slot, which t is
 * not ordered after (thread.h: such cells have epochs below its start). */
static inline int predecessor_unordered(const struct crace_thread *t, uint64_t c)
{
    uint64_t e = cell_epoch(c);
    return e < t->start_epoch && e > t->pred_known;
}

/* Does the cell c of another thread conflict with our candidate cur? */
static int conflicts(const struct crace_thread *t, uint64_t c, uint64_t cur)
{
    if (c == 0 || (cell_mask(c) & cell_mask(cur)) == 0)
        return 0;
    if ((c & cur & CELL_READ) || (c & cur & CELL_ATOMIC))
        return 0; /* two reads, or two atomics */
    if (cell_slot(c) == cell_slot(cur))
        return predecessor_unordered(t, c);
    uint64_t e = cell_epoch(c);
    uint32_t s = cell_slot(c);
    if (e > vclock_get(&t->clock, s))
        return 1; /* not ordered before us */
    /* Looks ordered: unless no thread can be ordered after it (orphan.h). */
    return orphan_has(s, e);
}

/*
 * One pass over the cells: check for races, then pick the cell to store
 * into. Returns the index; vals[] are the cells as read.
 */
static int granule_scan(struct crace_thread *t, uint64_t *cells, uint64_t *cur, uintptr_t addr,
                        unsigned size, uintptr_t pc, uint64_t *vals)
{
    unsigned mask = cell_mask(*cur);
    int own = shadow_own_plane(*cur);
    int replace = -1, empty = -1;
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = vals[i] = __atomic_load_n(shadow_cell(cells, i), __ATOMIC_RELAXED);
        if (c == 0) {
            if (empty < 0 || i == own)
                empty = i;
            continue;
        }
        if (cell_slot(c) == cell_slot(*cur) && !predecessor_unordered(t, c)) {
            /* Our own access at this epoch and of this kind: widen its mask
             * (exact: both accesses have the same epoch, so they race with
             * exactly the same accesses, and history holds both). */
            if (((c ^ *cur) & ~CELL_MASK_BITS) == 0) {
                *cur |= c;
                replace = i;
                continue;
            }
            /* Our own older access (or one of a predecessor on our slot
             * that we are ordered after): replace it if cur subsumes it (any
             * race with it would be a race with cur too). */
            if ((cell_mask(c) & ~mask) == 0 && (*cur & (CELL_READ | CELL_ATOMIC) & ~c) == 0)
                replace = replace < 0 ? i : replace;
            continue;
        }
        if (conflicts(t, c, *cur))
            race_found(t, addr, size, *cur, c, (uintptr_t)addr & ~7ul, pc);
    }
    int at = replace >= 0 ? replace : empty;
    if (at < 0)
        at = (int)((*cur >> CELL_EPOCH_SHIFT) ^ (addr >> 3)) & (SHADOW_CELLS - 1);
    return at;
}

/* After taking a free cell: conflicts with cells stored since the scan. */
static void recheck_after_store(struct crace_thread *t, uint64_t *cells, uint64_t cur, int at,
                                const uint64_t *vals, uintptr_t addr, unsigned size, uintptr_t pc)
{
    for (int i = 0; i < SHADOW_CELLS; i++) {
        if (i == at)
            continue;
        uint64_t c = __atomic_load_n(shadow_cell(cells, i), __ATOMIC_SEQ_CST);
        if (c != vals[i] && conflicts(t, c, cur))
            race_found(t, addr, size, cur, c, (uintptr_t)addr & ~7ul, pc);
    }
}

/*
 * Storing into a free cell or over another thread's cell is a sequentially
 * consistent compare-and-swap against the value the scan read. If another
 * thread stored into that cell meanwhile, its access would be lost
 * unchecked, so the scan runs again and sees it. If the store took a free
 * cell, the other cells are looked at once more: two threads whose first
 * accesses to a granule go to different cells each store, then look, and
 * the fences of their compare-and-swaps guarantee that at least one sees
 * the other (the counter sample: 300/300 runs report). After a few failed
 * rounds the store is forced.
 *
 * Replacing one of our own cells (the common case: the same data touched
 * again after a synchronization) is a plain store: no other thread picks
 * that cell except by random eviction, and a locked instruction there cost
 * a third of the stencil benchmark's time.
 */
RT_NOINLINE void granule_update(struct crace_thread *t, uint64_t *cells, uint64_t cur,
                                uintptr_t addr, unsigned size, uintptr_t pc)
{
    for (int round = 0; round < 4; round++) {
        uint64_t want = cur, vals[SHADOW_CELLS];
        int at = granule_scan(t, cells, &want, addr, size, pc, vals);
        uint64_t seen = vals[at];
        shadow_note_use(cells, addr, at);
        if (seen != 0 && cell_slot(seen) == cell_slot(want)) {
            __atomic_store_n(shadow_cell(cells, at), want, __ATOMIC_RELAXED);
            return;
        }
        if (__atomic_compare_exchange_n(shadow_cell(cells, at), &seen, want, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED)) {
            if (vals[at] == 0)
                recheck_after_store(t, cells, want, at, vals, addr, size, pc);
            return;
        }
        if (round == 3)
            __atomic_store_n(shadow_cell(cells, at), want, __ATOMIC_RELAXED);
    }
}

RT_NOINLINE void access_sized_slow(struct crace_thread *t, uint64_t *cells, uint64_t cur,
                                   uintptr_t addr, unsigned size, uintptr_t pc)
{
    uint64_t kind = cur & (CELL_READ | CELL_ATOMIC);
    trace_put2(t, access_event(addr, kind) | ((uint64_t)size_log2(size) << EVA_SIZELOG_SHIFT), pc);
    granule_update(t, cells, cur, addr, size, pc);
}

/* The first access of a thread the runtime has not met: it announces
 * itself (thread.h) and the access is checked. */
RT_NOINLINE void access_sized_unknown(uintptr_t addr, unsigned size, uint64_t kind, uintptr_t pc)
{
    struct crace_thread *t = thread_current_slow();
    if (t)
        access_sized(t, addr, size, kind, pc);
}

RT_NOINLINE void access_range_unknown(uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc)
{
    struct crace_thread *t = thread_current_slow();
    if (t)
        access_range(t, addr, size, kind, pc);
}

RT_NOINLINE void access_sized_new_region(struct crace_thread *t, uintptr_t addr, unsigned size,
                                         uint64_t kind, uintptr_t pc)
{
    uint64_t *cells = shadow_cells(addr);
    if (!cells)
        return; /* above the shadowed address space */
    uint64_t cur = t->fast | kind | cell_bytes(addr & 7, size);
    if (!covered_by_own(t, cells, cur))
        access_sized_slow(t, cells, cur, addr, size, pc);
}

/* A range access: every granule it touches, and one history event before
 * the first granule that no cell covers (none when all are covered).
 * The callers (access.h) already checked t, its ignore count and size. */
void access_range_slow(struct crace_thread *t, uintptr_t addr, size_t size, uint64_t kind,
                       uintptr_t pc)
{
    uintptr_t end = addr + size;
    uint64_t base = t->fast | kind;
    int traced = 0;
    for (uintptr_t a = addr; a < end;) {
        uintptr_t g = a & ~7ul;
        unsigned off = (unsigned)(a - g);
        unsigned n = (end - g >= 8) ? 8 - off : (unsigned)(end - a);
        uint64_t *cells = shadow_cells(g);
        if (unlikely(!cells))
            return;
        uint64_t cur = base | cell_bytes(off, n);
        if (!covered_by_own(t, cells, cur)) {
            if (!traced) {
                uint64_t ev =
                    access_event(addr, kind) | EVA_RANGE | ((kind & CELL_FREED) ? EVA_FREE : 0);
                trace_put3(t, ev, pc, size);
                traced = 1;
            }
            granule_update(t, cells, cur, a, n, pc);
        }
        a = g + 8;
    }
}

/*
 * A free of one granule: check it like a write, then leave the freed cell
 * as the granule's only record. The fast path's coverage test cannot be
 * used for frees: a plain write cell of the same epoch (the allocation's
 * stamp, or the freeing thread's own stores) "covers" the freed candidate,
 * and the free would then leave no trace at all. Every other cell is
 * dropped: each was checked against the free just now, so a later access
 * racing with one of them races with the free too, and the report then
 * names the free as the previous access. A cell that another thread
 * stores meanwhile is checked and kept (its compare-and-swap fails).
 */
static void granule_free(struct crace_thread *t, uint64_t *cells, uint64_t cur, uintptr_t addr,
                         unsigned size, uintptr_t pc)
{
    int own = shadow_own_plane(cur);
    uint64_t vals[SHADOW_CELLS];
    for (int i = 0; i < SHADOW_CELLS; i++) {
        vals[i] = __atomic_load_n(shadow_cell(cells, i), __ATOMIC_RELAXED);
        if (conflicts(t, vals[i], cur))
            race_found(t, addr, size, cur, vals[i], addr & ~7ul, pc);
    }
    shadow_note_use(cells, addr, own);
    uint64_t was = __atomic_exchange_n(shadow_cell(cells, own), cur, __ATOMIC_SEQ_CST);
    if (was != vals[own] && conflicts(t, was, cur))
        race_found(t, addr, size, cur, was, addr & ~7ul, pc);
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = vals[i];
        if (i == own || (cell_mask(c) & ~cell_mask(cur)) != 0)
            continue; /* ours now, or bytes outside the freed range */
        if (c == 0)
            c = __atomic_load_n(shadow_cell(cells, i), __ATOMIC_SEQ_CST);
        else if (__atomic_compare_exchange_n(shadow_cell(cells, i), &c, 0, 0, __ATOMIC_SEQ_CST,
                                             __ATOMIC_SEQ_CST))
            continue;
        if (c != vals[i] && conflicts(t, c, cur)) /* stored since the scan */
            race_found(t, addr, size, cur, c, addr & ~7ul, pc);
    }
}

/*
 * The common case is a block freed by the thread that wrote it last, in the
 * same epoch (malloc, fill, free): its own cell there is a plain write of
 * the same bytes. That write was checked against the other cells when it
 * was stored (or they were cleared, for the allocation's stamp), so the
 * free, ordered exactly like it, has nothing new to find: its cell just
 * becomes the freed one (a plain store, as granule_update replaces our own
 * cells). Any other granule takes granule_free.
 */
void access_free(struct crace_thread *t, uintptr_t addr, size_t size, uintptr_t pc)
{
    if (t == 0 || t->ignore || size == 0)
        return;
    trace_put3(t, access_event(addr, 0) | EVA_RANGE | EVA_FREE, pc, size);
    uint64_t base = t->fast | CELL_FREED;
    for (uintptr_t a = addr, end = addr + size; a < end;) {
        uintptr_t g = a & ~7ul;
        unsigned off = (unsigned)(a - g);
        unsigned n = (end - g >= 8) ? 8 - off : (unsigned)(end - a);
        uint64_t *cells = shadow_cells(g);
        if (unlikely(!cells))
            return;
        uint64_t cur = base | cell_bytes(off, n);
        uint64_t *own = shadow_cell(cells, shadow_own_plane(cur));
        if (__atomic_load_n(own, __ATOMIC_RELAXED) == (cur & ~CELL_FREED))
            __atomic_store_n(own, cur, __ATOMIC_RELAXED);
        else
            granule_free(t, cells, cur, a, n, pc);
        a = g + 8;
    }
}

#define RT_ENTRY RT_EXPORT

#define DEFINE_SIZED(n)                                                                            \
    RT_ENTRY void __tsan_read##n(void *a)                                                          \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, CELL_READ, RT_CALLER_PC());                       \
    }                                                                                              \
    RT_ENTRY void __tsan_write##n(void *a)                                                         \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, RT_CALLER_PC());                               \
    }                                                                                              \
    RT_ENTRY void __tsan_unaligned_read##n(void *a)                                                \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, CELL_READ, RT_CALLER_PC());                       \
    }                                                                                              \
    RT_ENTRY void __tsan_unaligned_write##n(void *a)                                               \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, RT_CALLER_PC());                               \
    }                                                                                              \
    RT_ENTRY void __tsan_volatile_read##n(void *a)                                                 \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, CELL_READ, RT_CALLER_PC());                       \
    }                                                                                              \
    RT_ENTRY void __tsan_volatile_write##n(void *a)                                                \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, RT_CALLER_PC());                               \
    }                                                                                              \
    RT_ENTRY void __tsan_unaligned_volatile_read##n(void *a)                                       \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, CELL_READ, RT_CALLER_PC());                       \
    }                                                                                              \
    RT_ENTRY void __tsan_unaligned_volatile_write##n(void *a)                                      \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, RT_CALLER_PC());                               \
    }                                                                                              \
    RT_ENTRY void __tsan_read_write##n(void *a)                                                    \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, RT_CALLER_PC());                               \
    }                                                                                              \
    RT_ENTRY void __tsan_unaligned_read_write##n(void *a)                                          \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, RT_CALLER_PC());                               \
    }                                                                                              \
    RT_ENTRY void __tsan_read##n##_pc(void *a, void *pc)                                           \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, CELL_READ, (uintptr_t)pc);                        \
    }                                                                                              \
    RT_ENTRY void __tsan_write##n##_pc(void *a, void *pc)                                          \
    {                                                                                              \
        access_sized(crace_cur, (uintptr_t)a, n, 0, (uintptr_t)pc);                                \
    }

DEFINE_SIZED(1)
DEFINE_SIZED(2)
DEFINE_SIZED(4)
DEFINE_SIZED(8)

/* A 16-byte access (vectorized code): two whole granules when aligned, and
 * then usually covered by two cells of this thread (no call, no event). */
static inline __attribute__((always_inline)) void access_16(struct crace_thread *t, uintptr_t a,
                                                            uint64_t kind, uintptr_t pc)
{
    if (likely(t != 0 && !t->ignore && (a & 7) == 0)) {
        uint64_t cur = t->fast | kind | CELL_MASK_BITS;
        uint64_t *lo = shadow_cells_existing(a), *hi = shadow_cells_existing(a + 8);
        if (lo && hi && covered_by_own(t, lo, cur) && covered_by_own(t, hi, cur))
            return;
    }
    access_range(t, a, 16, kind, pc);
}

#define DEFINE_16(name, kind)                                                                      \
    RT_ENTRY void name(void *a)                                                                    \
    {                                                                                              \
        access_16(crace_cur, (uintptr_t)a, kind, RT_CALLER_PC());                                  \
    }
DEFINE_16(__tsan_read16, CELL_READ)
DEFINE_16(__tsan_write16, 0)
DEFINE_16(__tsan_unaligned_read16, CELL_READ)
DEFINE_16(__tsan_unaligned_write16, 0)
DEFINE_16(__tsan_volatile_read16, CELL_READ)
DEFINE_16(__tsan_volatile_write16, 0)
DEFINE_16(__tsan_unaligned_volatile_read16, CELL_READ)
DEFINE_16(__tsan_unaligned_volatile_write16, 0)
DEFINE_16(__tsan_read_write16, 0)
DEFINE_16(__tsan_unaligned_read_write16, 0)

RT_ENTRY void __tsan_read16_pc(void *a, void *pc)
{
    access_16(crace_cur, (uintptr_t)a, CELL_READ, (uintptr_t)pc);
}

RT_ENTRY void __tsan_write16_pc(void *a, void *pc)
{
    access_16(crace_cur, (uintptr_t)a, 0, (uintptr_t)pc);
}

RT_ENTRY void __tsan_read_range(void *a, unsigned long size)
{
    access_range(crace_cur, (uintptr_t)a, size, CELL_READ, RT_CALLER_PC());
}

RT_ENTRY void __tsan_write_range(void *a, unsigned long size)
{
    access_range(crace_cur, (uintptr_t)a, size, 0, RT_CALLER_PC());
}

RT_ENTRY void __tsan_read_range_pc(void *a, unsigned long size, void *pc)
{
    access_range(crace_cur, (uintptr_t)a, size, CELL_READ, (uintptr_t)pc);
}

RT_ENTRY void __tsan_write_range_pc(void *a, unsigned long size, void *pc)
{
    access_range(crace_cur, (uintptr_t)a, size, 0, (uintptr_t)pc);
}

/* C++ only, but cheap to provide so any instrumented object links. */
RT_ENTRY void __tsan_vptr_update(void **vptr_p, void *new_val)
{
    if (*vptr_p != new_val)
        access_sized(crace_cur, (uintptr_t)vptr_p, 8, 0, RT_CALLER_PC());
}

RT_ENTRY void __tsan_vptr_read(void **vptr_p)
{
    access_sized(crace_cur, (uintptr_t)vptr_p, 8, CELL_READ, RT_CALLER_PC());
}

/* Function entry/exit maintain the shadow call stack and the history. */
RT_ENTRY void __tsan_func_entry(void *caller_pc)
{
    struct crace_thread *t = crace_cur;
    if (unlikely(t == 0) && !(t = thread_current_slow()))
        return;
    thread_enter(t, (uintptr_t)caller_pc);
}

RT_ENTRY void __tsan_func_exit(void)
{
    struct crace_thread *t = crace_cur;
    if (unlikely(t == 0) && !(t = thread_current_slow()))
        return;
    if (unlikely(t->depth == 0))
        return;
    thread_leave(t);
}

RT_ENTRY void __tsan_ignore_thread_begin(void)
{
    struct crace_thread *t = thread_current();
    if (t)
        __atomic_fetch_add(&t->ignore, 1, __ATOMIC_RELAXED);
}

RT_ENTRY void __tsan_ignore_thread_end(void)
{
    struct crace_thread *t = thread_current();
    if (t && (t->ignore & (THREAD_IGNORE_ALONE - 1)) > 0) /* unbalanced ends are dropped */
        __atomic_fetch_sub(&t->ignore, 1, __ATOMIC_RELAXED);
}
