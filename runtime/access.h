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
 *    between two synchronization operations stay on this path: inline
 *    when the cell the thread probes first covers them (probe_covers),
 *    else after the slow path's first look at all the cells.
 *  - otherwise the access is appended to the thread's history and each
 *    cell of another thread that overlaps these bytes is checked: two reads
 *    or two atomics never race; else the old access must happen-before
 *    now, i.e. its epoch is <= our clock's entry for its slot.
 *  - the candidate then goes to a cell chosen by the replacement policy
 *    below (access.c).
 *
 * Cells are read with relaxed atomics and no lock. Storing over a cell
 * that is not ours is a sequentially consistent compare-and-swap, followed
 * by a second look at the other cells (access.c), so two threads' first
 * accesses to a granule cannot hide each other. A reported conflict was
 * always read from a cell that held a true claim, so lost or combined
 * cells can only hide races, never invent one.
 *
 * What a cell claims. A cell (slot s, epoch e, bytes m, kind k) claims:
 * "each byte of m was touched by an access of s of kind k at an epoch
 * >= e". An access B of another thread, whose clock knows s up to
 * C[s], is reported when it overlaps m, the kinds conflict and e > C[s].
 * Every access of s at an epoch >= e is then unordered with B (ordered
 * would need its epoch <= C[s] < e), so any claim of this form can only
 * report true races. That is the one rule every step below keeps.
 *
 * Replacement policy, in order (the first that applies):
 *  1. Our cell of this epoch and kind: widen its mask. Exact.
 *  2. A cell of ours that cur covers (its bytes, a kind at least as strong:
 *     write > read, plain > atomic), or that another cell of ours at the
 *     same or a later epoch covers. Whatever races with it races with
 *     that one. Lossless, and a plain store (our own cell).
 *  3. An empty cell of group 0, our own cell first (shadow.h). Then a
 *     cell of another thread that cur supersedes: its access happens
 *     before cur (its epoch is within our clock, and it is no orphan),
 *     cur touches all of its bytes, and cur is of a kind at least as
 *     strong. An access unordered with it is unordered with cur
 *     (happens-before is transitive) and conflicts with cur wherever it
 *     conflicted with it: lossless too. Data that threads read in turn
 *     under a lock then keeps two cells, the writer's and the last
 *     reader's, where each reader added one (and spread into group 1).
 *     Freed cells are never taken: they name the free. It comes after the
 *     empty cells of group 0 because its owner may store over it with a
 *     plain store at the same moment (its own cell, step 2, or a free),
 *     as with steps 5-8; a free that found its cell alone (access.c,
 *     free_alone) relies on no other thread taking it then, and a granule
 *     with an empty cell in group 0 has such a cell for the taker. Then an
 *     empty cell of another group, in index order, except where the only
 *     empty cells are in a group not yet used around the granule (shadow.h):
 *     there a redundant cell of group 0 (step 4) goes first, as it costs
 *     no new shadow line.
 *  4. A redundant cell, ours first, then another slot's: each of its bytes
 *     was touched by an access of its slot at the same or a later epoch
 *     with a kind at least as strong (cur or another cell of the slot:
 *     partial subsumption, bytes rewritten later, maybe by several
 *     accesses). Lossless, as 2.
 *  5. Two cells of ours of the same kind: combined into one holding the
 *     OLDER epoch and the union of the bytes; cur takes the freed cell.
 *     The claim stays true (each byte was touched at an epoch >= the older
 *     one), so no race is invented. What it loses: an access B whose
 *     thread knew s at least up to the older epoch e1 but not up to the
 *     newer e2 (e1 <= C[s] < e2), on bytes that only the newer access
 *     touched. We combine the pair whose newer epoch is the smallest (the
 *     two oldest of that kind), so the window [e1, e2) is the oldest one:
 *     a thread that never synchronized with s since s's oldest access of
 *     that kind recorded here (C[s] < e1) loses nothing, nor does one that
 *     synchronized after e2 (the common "took the lock later" case).
 *     Combining cur instead (step 7) would put the window at the most
 *     recent synchronization, exactly where an unlocked access after a
 *     locked one races, so it comes last.
 *  6. Two cells of one other slot of the same kind: combined as in 5.
 *  7. cur combined into our newest cell of its kind (its epoch, the union
 *     of the bytes): loses B with that cell's epoch <= C[s] < cur's.
 *  8. Evict. Only when no slot has two cells of one kind among the four
 *     cells and cur, i.e. they are five different (slot, kind) pairs. The
 *     victim is the oldest cell of the slot with the most of the five (ours
 *     on a tie): with four threads or fewer, every thread keeps at least
 *     one cell; only with five or more (or a thread using several kinds
 *     with no two alike) does a whole access leave the granule.
 * Cells of our slot older than our thread's first epoch belong to an
 * earlier thread on the slot; they are never combined with ours (the
 * report names the thread of a cell's epoch). A cell of an orphaned epoch
 * (orphan.h: a finished thread's last) is never combined at all: the
 * other cell of its slot is a later owner's, and the pair in the orphaned
 * epoch would make that owner's bytes conflict for threads ordered after
 * them.
 *
 * So another thread's cell is never evicted while any thread has two cells
 * of one kind here, and with four threads or fewer no thread loses its
 * last cell. Is the combination loss only possible with more than four
 * concurrent accessors? No, and no rule with four one-epoch cells can make
 * it so: one thread writing the 8 bytes of a granule one by one at 8
 * epochs leaves 8 (byte, epoch) facts, and a second thread that
 * synchronized with it after the k-th write, for any k, races with exactly
 * the bytes written after that; four epochs cannot tell the 8 cases apart.
 * What the policy guarantees instead: no race is invented; a thread that
 * never synchronized with s since s's oldest access of a kind recorded in
 * the granule sees every byte s touched with that kind there (only an
 * eviction, step 8, can hide it); and a loss needs the racing thread's
 * last synchronization with s to fall between two of s's accesses that
 * were combined, which steps 5-6 keep in the oldest window and step 7
 * uses only when no thread holds two cells of one kind here.
 *
 * Which previous access a report names: history.c's trace_find looks for
 * the first access at the cell's epoch or later (a combined cell's epoch is
 * its oldest access's) that overlaps the racing bytes with the cell's
 * kind; every such access made before B is a true race with B.
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

/* Cell i of a granule as a relaxed load, or 0 with no load when its group
 * holds no cell there (`used`: shadow_groups_used). Group 0 is always
 * loaded: the test folds away in unrolled loops. */
static inline __attribute__((always_inline)) uint64_t cell_load(const uint64_t *cells, int i,
                                                                unsigned used)
{
    if (i >= SHADOW_GROUP_CELLS && !shadow_cell_in_used_group(used, i))
        return 0;
    return __atomic_load_n(shadow_cell(cells, i), __ATOMIC_RELAXED);
}

/*
 * Does the cell t->probe_off names cover cur? That is the thread's own
 * cell, where its cell nearly always is when it came first (the offset is
 * a field of its own, so that this load's address does not wait for
 * t->fast). The slow path (access.c, granule_look) looks at every cell of
 * the groups in use, and a cover it finds elsewhere becomes the probe: a
 * thread that came late to data others share (a reader of what another
 * thread wrote, its own cell taken) finds its cells in the same place
 * granule after granule, and probes there at once. The fast path itself
 * loads one cell and needs no stack frame.
 */
static inline __attribute__((always_inline)) int probe_covers(const struct crace_thread *t,
                                                              const uint64_t *cells, uint64_t cur)
{
    const uint64_t *own = (const uint64_t *)((const char *)cells + t->probe_off);
    return cell_covers(__atomic_load_n(own, __ATOMIC_RELAXED), cur);
}

/* The full scan of one granule and the store of cur (access.c), for an
 * access the slow path's first look (granule_look) could not place. */
void granule_update(struct crace_thread *t, uint64_t *cells, uint64_t cur, uintptr_t addr,
                    unsigned size, uintptr_t pc);

/*
 * Where a candidate goes: `want` into cell `at`, after `combined` into cell
 * `comb` when comb >= 0 (two cells combined to free `at`).
 */
struct placement {
    int at;
    uint64_t want;
    int comb;
    uint64_t combined;
};

/*
 * The replacement policy above (steps 2-8) for candidate cur, given the
 * cells vals[] as read (every group in use) and no cell of ours at cur's
 * epoch and kind.
 * min_epoch: the accessing thread's first epoch on its slot.
 */
struct placement cell_placement(const uint64_t *vals, uint64_t cur, uint64_t min_epoch,
                                uintptr_t addr);

#ifdef CRACE_ACCESS_TEST_HOOK
/* Unit tests only (never compiled into libcrace): called by granule_update
 * between its scan and its store into cell `at`. */
extern void (*access_test_before_store)(uint64_t *cells, int at);
#endif

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
    if (likely(probe_covers(t, cells, cur)))
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
    /* Bytes of one granule (clang turns a small fixed-size memcpy into a
     * call, checked here): access_sized's coverage check, no call, no
     * loop. kind has no CELL_FREED here (frees go to access_free). */
    unsigned off = addr & 7;
    if (size <= 8 - off) {
        uint64_t *cells = shadow_cells_existing(addr);
        if (likely(cells != 0) && probe_covers(t, cells, t->fast | kind | cell_bytes(off, size)))
            return;
    }
    access_range_slow(t, addr, size, kind, pc);
}

#endif
