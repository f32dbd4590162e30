/*
 * access.h - the check run on every instrumented memory access.
 *
 * For each 8-byte granule touched, the access becomes a candidate cell
 * (thread slot, epoch, bytes, read/atomic) and is compared with the
 * granule's SHADOW_CELLS cells:
 *
 *  - fast exit: a cell of this thread at this epoch already covers these
 *    bytes with an access at least as strong (write > read, plain >
 *    atomic). Nothing to record: the trace already holds that access, so a
 *    later report can still rebuild its stack. Loops touching the same data
 *    between two synchronization operations stay on this path.
 *  - otherwise the access is appended to the thread's history and each
 *    cell of another thread that overlaps these bytes is checked: two reads
 *    or two atomics never race; else the old access must happen-before
 *    now, i.e. its epoch is <= our clock's entry for its slot.
 *  - the candidate then replaces a cell of ours that it subsumes, or takes
 *    an empty cell (our own plane's if free, shadow.h), or evicts a
 *    pseudo-randomly chosen one (the shadow is bounded, so with more than
 *    SHADOW_CELLS concurrent accessors a race may be missed; it never
 *    invents one).
 *
 * Cells are read with relaxed atomics and no lock; the full check stores
 * into a free cell with a sequentially consistent compare-and-swap and then
 * looks at the other cells again (access.c), so two threads' first
 * accesses to a granule cannot hide each other. A reported conflict was
 * always read from a cell that really held it, so lost or evicted cells can
 * only hide races, never invent one.
 */
#ifndef CRACE_ACCESS_H
#define CRACE_ACCESS_H

#include "cell.h"
#include "history.h"
#include "shadow.h"
#include "thread.h"

#define ACCESS_KIND_BITS (CELL_READ | CELL_ATOMIC | CELL_FREED)

/* Called when a conflict is found (cold, report.c). */
void race_found(struct crace_thread *t, uintptr_t addr, unsigned size, uint64_t cur, uint64_t old,
                uintptr_t granule, uintptr_t pc);

/* Does cell c (ours, same epoch) already cover candidate cur? */
#define ACCESS_INLINE static inline __attribute__((always_inline))

static inline int cell_covers(uint64_t c, uint64_t cur)
{
    uint64_t m = cur & CELL_MASK_BITS;
    return ((c ^ cur) & CELL_WHO_WHEN) == 0 && (c & m) == m && (c & ACCESS_KIND_BITS & ~cur) == 0;
}

static inline int granule_covered(const uint64_t *cells, uint64_t cur)
{
    /* unrolled: no loop bound kept in a register the fast path would save */
#pragma GCC unroll 4
    for (int i = 0; i < SHADOW_CELLS; i++)
        if (cell_covers(__atomic_load_n(shadow_cell(cells, i), __ATOMIC_RELAXED), cur))
            return 1;
    return 0;
}

/*
 * Does a cell of t cover cur? Its own plane first: where the thread's cell
 * nearly always is (the plane's offset is a field of its own, so that this
 * load's address does not wait for t->fast), then every cell.
 */
static inline __attribute__((always_inline)) int covered_by_own(const struct crace_thread *t,
                                                                const uint64_t *cells, uint64_t cur)
{
    const uint64_t *own = (const uint64_t *)((const char *)cells + t->own_off);
    if (likely(cell_covers(__atomic_load_n(own, __ATOMIC_RELAXED), cur)))
        return 1;
    return granule_covered(cells, cur);
}

/* Full check of one granule and update of its cells (access.c). */
void granule_update(struct crace_thread *t, uint64_t *cells, uint64_t cur, uintptr_t addr,
                    unsigned size, uintptr_t pc);

static inline uint64_t access_event(uintptr_t addr, uint64_t kind)
{
    return EV_ACCESS | (addr << EVA_ADDR_SHIFT) | ((kind & CELL_READ) ? EVA_READ : 0) |
           ((kind & CELL_ATOMIC) ? EVA_ATOMIC : 0);
}

static inline unsigned size_log2(unsigned size)
{
    return size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
}

void access_range_slow(struct crace_thread *t, uintptr_t addr, size_t size, uint64_t kind,
                       uintptr_t pc);
/*
 * An access of one granule that no cell covers: record it in the history
 * and run the full check (access.c). Out of line, so that the fast path
 * above is a leaf that needs no registers saved and no stack frame.
 */
void access_sized_slow(struct crace_thread *t, uint64_t *cells, uint64_t cur, uintptr_t addr,
                       unsigned size, uintptr_t pc);
/* The same when addr's region may have no shadow yet (creates it). */
void access_sized_new_region(struct crace_thread *t, uintptr_t addr, unsigned size, uint64_t kind,
                             uintptr_t pc);

/* The same for a thread the runtime has not met yet (t == NULL): it
 * announces itself, then the access is checked. */
void access_sized_unknown(uintptr_t addr, unsigned size, uint64_t kind, uintptr_t pc);
void access_range_unknown(uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc);

/*
 * An access of size 1, 2, 4 or 8 bytes (any alignment) or 16 (split in
 * two granules). kind is CELL_READ and/or CELL_ATOMIC, or 0 for a write.
 */
ACCESS_INLINE void access_sized(struct crace_thread *t, uintptr_t addr, unsigned size,
                                uint64_t kind, uintptr_t pc)
{
    if (unlikely(t == 0 || t->ignore)) {
        if (t == 0)
            access_sized_unknown(addr, size, kind, pc);
        return;
    }
    unsigned off = addr & 7;
    if (unlikely(off + size > 8)) {
        access_range_slow(t, addr, size, kind, pc);
        return;
    }
    uint64_t *cells = shadow_cells_existing(addr);
    if (unlikely(!cells)) {
        access_sized_new_region(t, addr, size, kind, pc);
        return;
    }
    uint64_t cur = t->fast | kind | cell_bytes(off, size);
    if (likely(covered_by_own(t, cells, cur)))
        return;
    access_sized_slow(t, cells, cur, addr, size, pc);
}

/*
 * free() of [addr, addr+size): a write that always records its event and
 * leaves only the freed cells behind (access.c; never the fast path).
 */
void access_free(struct crace_thread *t, uintptr_t addr, size_t size, uintptr_t pc);

/* An access to [addr, addr+size) of any size (libc ranges, gcc ranges). */
ACCESS_INLINE void access_range(struct crace_thread *t, uintptr_t addr, size_t size, uint64_t kind,
                                uintptr_t pc)
{
    if (unlikely(t == 0 || t->ignore || size == 0)) {
        if (t == 0 && size != 0)
            access_range_unknown(addr, size, kind, pc);
        return;
    }
    access_range_slow(t, addr, size, kind, pc);
}

#endif
