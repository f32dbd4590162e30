/*
 * access.c - the compiler-facing memory access entry points
 * (__tsan_readN/__tsan_writeN and their unaligned, volatile, compound,
 * range and _pc variants), the range walker, and the slow path of one
 * granule: the race check against its cells and the replacement policy
 * that decides which cell the access goes to (reasoning in access.h).
 */
#include "access.h"
#include "orphan.h"

/* A cell of t's own slot left by an earlier owner of the slot, which t is
 * not ordered after (thread.h: such cells have epochs below its start).
 * pred_known comes from the clocks t learned the slot from, which a later
 * owner of the slot may have raised past an orphaned epoch (orphan.h): a
 * cell there is unordered whatever pred_known says, as for any thread. */
static inline int predecessor_unordered(const struct crace_thread *t, uint64_t c)
{
    uint64_t e = cell_epoch(c);
    return e < t->start_epoch && (e > t->pred_known || orphan_has(cell_slot(c), e));
}

/* The same without orphan_has's lookup: yes where it may be (the slow
 * path's first look leaves the answer to the full scan). */
static inline int predecessor_maybe_unordered(const struct crace_thread *t, uint64_t c)
{
    uint64_t e = cell_epoch(c);
    return e < t->start_epoch && (e > t->pred_known || orphan_maybe(cell_slot(c), e));
}

/* Is c, a cell of another thread's slot, ordered before us: its epoch
 * within our clock, and not an epoch no thread can be ordered after
 * (orphan.h)? */
static inline __attribute__((always_inline)) int ordered_before(const struct crace_thread *t,
                                                                uint64_t c)
{
    uint32_t s = cell_slot(c);
    uint64_t e = cell_epoch(c);
    return e <= vclock_get(&t->clock, s) && !orphan_has(s, e);
}

/* Do c and cur share bytes, and is one of them a plain write? (Two reads or
 * two atomics never race.) */
static inline __attribute__((always_inline)) int kinds_overlap(uint64_t c, uint64_t cur)
{
    return (cell_mask(c) & cell_mask(cur)) != 0 && !(c & cur & (CELL_READ | CELL_ATOMIC));
}

/* Does the cell c of another thread conflict with our candidate cur? */
static inline __attribute__((always_inline)) int conflicts(const struct crace_thread *t, uint64_t c,
                                                           uint64_t cur)
{
    if (c == 0 || !kinds_overlap(c, cur))
        return 0;
    if (cell_slot(c) == cell_slot(cur))
        return predecessor_unordered(t, c);
    return !ordered_before(t, c);
}

/* ---- where the candidate goes (the replacement policy of access.h) ------ */

/* Same thread slot, and same read/atomic/freed kind. */
static int same_slot_kind(uint64_t a, uint64_t b)
{
    uint64_t who_kind = ((uint64_t)(CELL_MAX_SLOTS - 1) << CELL_SLOT_SHIFT) | ACCESS_KIND_BITS;
    return ((a ^ b) & who_kind) == 0;
}

/* Does every access that races with c's also race with n's (of the same
 * slot)? n is a write where c is one, plain where c is. */
static int at_least_as_strong(uint64_t n, uint64_t c)
{
    return (n & (CELL_READ | CELL_ATOMIC) & ~c) == 0;
}

static int is_ours(uint64_t c, uint64_t cur)
{
    return c != 0 && cell_slot(c) == cell_slot(cur);
}

/*
 * The redundant cells, one bit each: all the bytes of such a cell were
 * touched by accesses of its slot at the same or a later epoch, of a kind
 * at least as strong (the other cells of the slot, and cur when it is of
 * that slot). Any access racing with the cell then races with one of
 * those, so dropping it loses nothing. (Two equal cells cover each other:
 * only one of them is ever dropped at a time.)
 */
static unsigned redundant_cells(const uint64_t *vals, uint64_t cur)
{
    unsigned out = 0;
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = vals[i];
        unsigned left = cell_mask(c);
        if (is_ours(cur, c) && at_least_as_strong(cur, c))
            left &= ~cell_mask(cur);
        for (int j = 0; left && j < SHADOW_CELLS; j++)
            if (j != i && is_ours(vals[j], c) && cell_epoch(vals[j]) >= cell_epoch(c) &&
                at_least_as_strong(vals[j], c))
                left &= ~cell_mask(vals[j]);
        if (c != 0 && left == 0)
            out |= 1u << i;
    }
    return out;
}

/* A cell of an orphaned epoch (orphan.h) is never combined: its epoch is a
 * finished thread's last, so a cell of the same slot at another epoch is a
 * later owner's; the pair combined into the orphaned epoch would make the
 * later owner's bytes conflict for threads ordered after them (a false
 * report), and the other way round would hide the orphan. */
static int combinable(uint64_t c, uint64_t min_epoch)
{
    return c != 0 && cell_epoch(c) >= min_epoch && !orphan_has(cell_slot(c), cell_epoch(c));
}

/*
 * The two oldest cells of one kind of the slot of `who` (whose epochs are
 * at least min_epoch, none orphaned): *older, *newer. The pair whose newer
 * epoch is the smallest: combining it loses the least recent window
 * (access.h).
 */
static int oldest_pair(const uint64_t *vals, uint64_t who, uint64_t min_epoch, int *older,
                       int *newer)
{
    int found = 0;
    uint64_t best = 0;
    for (int i = 0; i < SHADOW_CELLS; i++) {
        if (!is_ours(vals[i], who) || !combinable(vals[i], min_epoch))
            continue;
        for (int j = i + 1; j < SHADOW_CELLS; j++) {
            if (!same_slot_kind(vals[i], vals[j]) || !combinable(vals[j], min_epoch))
                continue;
            int o = cell_epoch(vals[i]) <= cell_epoch(vals[j]) ? i : j, n = i + j - o;
            if (!found || cell_epoch(vals[n]) < best) {
                found = 1;
                best = cell_epoch(vals[n]);
                *older = o;
                *newer = n;
            }
        }
    }
    return found;
}

/* Combine a pair: the older epoch, the union of the bytes. The candidate
 * takes the other cell (our own cell if it is one of them). */
static struct placement place_in_pair(const uint64_t *vals, uint64_t cur, int older, int newer)
{
    int own = shadow_own_cell(cur);
    int at = older == own ? older : newer, comb = older + newer - at;
    return (struct placement){at, cur, comb, vals[older] | cell_mask(vals[newer])};
}

/* No two of the cells and cur of one slot (readers of shared data, five
 * threads or more): nothing can be redundant or combined. */
static int slots_all_differ(const uint64_t *vals, uint64_t cur)
{
    for (int i = 0; i < SHADOW_CELLS; i++) {
        if (is_ours(vals[i], cur))
            return 0;
        for (int j = i + 1; j < SHADOW_CELLS; j++)
            if (is_ours(vals[j], vals[i]))
                return 0;
    }
    return 1;
}

static int pseudo_random_cell(uint64_t cur, uintptr_t addr)
{
    return (int)((cur >> CELL_EPOCH_SHIFT) ^ (addr >> 3)) & (SHADOW_CELLS - 1);
}

/* Last resort, the cells and cur being five different (slot, kind) pairs:
 * the oldest cell of the slot with the most of them (ours on a tie), so
 * that with four threads or fewer each keeps one; with five, any. */
static int eviction_victim(const uint64_t *vals, uint64_t cur, uintptr_t addr)
{
    int victim = -1, most = 1;
    for (int i = 0; i < SHADOW_CELLS; i++) {
        int n = is_ours(cur, vals[i]), oldest = i;
        for (int j = 0; j < SHADOW_CELLS; j++) {
            if (!is_ours(vals[j], vals[i]))
                continue;
            n++;
            if (cell_epoch(vals[j]) < cell_epoch(vals[oldest]))
                oldest = j;
        }
        if (n > most || (n == most && victim >= 0 && is_ours(vals[i], cur))) {
            most = n;
            victim = oldest;
        }
    }
    return victim >= 0 ? victim : pseudo_random_cell(cur, addr);
}

/*
 * A full granule with no cell of ours that cur covers: a redundant cell
 * (ours, our own cell first, then another slot's), a pair of our cells
 * combined, another slot's pair combined, cur combined into our newest
 * cell of its kind, or an eviction (access.h, steps 4-8).
 */
static struct placement place_in_full(const uint64_t *vals, uint64_t cur, uint64_t min_epoch,
                                      uintptr_t addr)
{
    int own = shadow_own_cell(cur), pick = -1, older, newer;
    if (slots_all_differ(vals, cur)) /* nothing to drop or combine */
        return (struct placement){pseudo_random_cell(cur, addr), cur, -1, 0};
    unsigned red = redundant_cells(vals, cur);
    for (int k = 0; red && pick < 0 && k < SHADOW_CELLS; k++) {
        int i = (own + k) & (SHADOW_CELLS - 1);
        if ((red >> i) & 1 && is_ours(vals[i], cur))
            pick = i;
    }
    if (red && pick < 0)
        pick = __builtin_ctz(red);
    if (pick >= 0)
        return (struct placement){pick, cur, -1, 0};
    if (oldest_pair(vals, cur, min_epoch, &older, &newer))
        return place_in_pair(vals, cur, older, newer);
    for (int i = 0; i < SHADOW_CELLS; i++)
        if (!is_ours(vals[i], cur) && oldest_pair(vals, vals[i], 0, &older, &newer))
            return place_in_pair(vals, cur, older, newer);
    for (int i = 0; i < SHADOW_CELLS; i++)
        if (same_slot_kind(vals[i], cur) && cell_epoch(vals[i]) >= min_epoch &&
            (pick < 0 || cell_epoch(vals[i]) > cell_epoch(vals[pick])))
            pick = i;
    if (pick >= 0)
        return (struct placement){pick, vals[pick] | cell_mask(cur), -1, 0};
    return (struct placement){eviction_victim(vals, cur, addr), cur, -1, 0};
}

/* Is c (our older cell, or one of another kind; or another thread's) covered
 * by cur: its bytes, a kind at least as strong? */
static int covers_own(uint64_t cur, uint64_t c)
{
    return (cell_mask(c) & ~cell_mask(cur)) == 0 && at_least_as_strong(cur, c);
}

/*
 * Is c, a cell of another thread, superseded by our candidate cur: its
 * access happens before ours, and cur covers it (its bytes, a kind at
 * least as strong)? Then any later access racing with c races with cur
 * (step 3 of access.h), so cur may take c's cell. Freed cells are never
 * superseded: they name the free.
 */
static int superseded(const struct crace_thread *t, uint64_t c, uint64_t cur)
{
    return c != 0 && cell_slot(c) != cell_slot(cur) && !cell_is_freed(c) && covers_own(cur, c) &&
           ordered_before(t, c);
}

/* What the scan saw for steps 2 and 3 (our own cell first each time). */
struct cheap_cells {
    int covered; /* a cell of ours that cur covers, or -1 */
    int passed;  /* a cell of another thread that cur supersedes, or -1 */
    int empty;   /* an empty cell, or -1 */
    int ours;    /* cells of ours */
};

/* Note cell i (value c, not ours at cur's epoch and kind) for steps 2-3.
 * Inline in the scan, which is the slow path's loop. */
static inline __attribute__((always_inline)) void note_cheap_cell(struct cheap_cells *n, uint64_t c,
                                                                  int i, uint64_t cur, int own)
{
    if (c == 0) {
        if (n->empty < 0 || i == own)
            n->empty = i;
    } else if (is_ours(c, cur)) {
        n->ours++;
        if (covers_own(cur, c) && (n->covered < 0 || i == own))
            n->covered = i;
    }
}

/*
 * Step 2, second part: a cell of ours that another cell of ours covers
 * (the same or a later epoch, its bytes, a kind at least as strong), our
 * own cell first; -1 if none. Typically our accesses of the same bytes two
 * synchronizations apart, the newer of another kind: taking the older one
 * costs a plain store, where an empty cell costs a compare-and-swap.
 */
static int own_covered_by_own(const uint64_t *vals, uint64_t cur)
{
    int own = shadow_own_cell(cur);
    for (int k = 0; k < SHADOW_CELLS; k++) {
        int i = (own + k) & (SHADOW_CELLS - 1);
        if (!is_ours(vals[i], cur))
            continue;
        for (int j = 0; j < SHADOW_CELLS; j++)
            if (j != i && is_ours(vals[j], cur) && cell_epoch(vals[j]) >= cell_epoch(vals[i]) &&
                covers_own(vals[j], vals[i]))
                return i;
    }
    return -1;
}

/* A redundant cell (step 4) of group 0, ours first; -1 if none. */
static int redundant_in_first_group(const uint64_t *vals, uint64_t cur)
{
    unsigned red = redundant_cells(vals, cur) & ((1u << SHADOW_GROUP_CELLS) - 1);
    for (int i = 0; i < SHADOW_GROUP_CELLS; i++)
        if ((red >> i) & 1 && is_ours(vals[i], cur))
            return i;
    return red ? __builtin_ctz(red) : -1;
}

/*
 * After the scan: the rest of step 2, then step 3, then a full granule.
 * `used`: the groups in use around addr (shadow_groups_used). When
 * the only empty cells are in a group no cell around addr has used yet,
 * a redundant cell of group 0 goes first (step 4 before step 3: lossless
 * too): the empty one would cost a new shadow line, in memory and in
 * every later scan there (a thread reading data after joining the
 * threads that wrote and read it last: jacobi's final check).
 */
static inline __attribute__((always_inline)) struct placement
place_after_scan(const uint64_t *vals, uint64_t cur, uint64_t min_epoch, uintptr_t addr,
                 struct cheap_cells n, unsigned used)
{
    if (n.covered < 0 && n.ours > 1)
        n.covered = own_covered_by_own(vals, cur);
    if (n.covered >= 0)
        return (struct placement){n.covered, cur, -1, 0};
    if (n.empty >= 0 && n.empty < SHADOW_GROUP_CELLS)
        return (struct placement){n.empty, cur, -1, 0};
    if (n.passed >= 0)
        return (struct placement){n.passed, cur, -1, 0};
    int at = n.empty;
    if (at >= SHADOW_GROUP_CELLS && !shadow_cell_in_used_group(used, at)) {
        int r = redundant_in_first_group(vals, cur);
        at = r >= 0 ? r : at;
    }
    if (at >= 0)
        return (struct placement){at, cur, -1, 0};
    return place_in_full(vals, cur, min_epoch, addr);
}

/* Steps 2-8 of access.h for cur, no cell of ours being at cur's epoch and
 * kind: what granule_scan decides, for tests. */
struct placement cell_placement(const uint64_t *vals, uint64_t cur, uint64_t min_epoch,
                                uintptr_t addr)
{
    struct cheap_cells n = {-1, -1, -1, 0};
    for (int i = 0; i < SHADOW_CELLS; i++)
        note_cheap_cell(&n, vals[i], i, cur, shadow_own_cell(cur));
    return place_after_scan(vals, cur, min_epoch, addr, n, ~0u);
}

/*
 * One pass over the cells: check for races and choose where cur goes.
 * vals[] are the cells as read.
 */
static struct placement granule_scan(struct crace_thread *t, uint64_t *cells, uint64_t cur,
                                     uintptr_t addr, unsigned size, uintptr_t pc, uint64_t *vals,
                                     unsigned used)
{
    int own = shadow_own_cell(cur), merged = -1;
    struct cheap_cells n = {-1, -1, -1, 0};
    uint64_t want = cur;
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = vals[i] = cell_load(cells, i, used);
        /* Our own access at this epoch and of this kind: widen its mask
         * (exact: both accesses have the same epoch, so they race with
         * exactly the same accesses, and history holds both). */
        if (c != 0 && ((c ^ cur) & ~CELL_MASK_BITS) == 0) {
            want |= c;
            merged = i;
        } else if (conflicts(t, c, cur)) { /* with this access's own bytes */
            race_found(t, addr, size, cur, c, (uintptr_t)addr & ~7ul, pc);
        } else {
            note_cheap_cell(&n, c, i, cur, own);
            if (n.passed < 0 && superseded(t, c, cur))
                n.passed = i;
        }
    }
    if (merged >= 0)
        return (struct placement){merged, want, -1, 0};
    return place_after_scan(vals, cur, t->start_epoch, addr, n, used);
}

/* After storing over a cell that was not ours: conflicts with cells
 * stored since the scan (in the groups in use by then: a store racing with
 * ours set its group's bit first, shadow.h). */
static void recheck_after_store(struct crace_thread *t, uint64_t *cells, uint64_t cur, int at,
                                const uint64_t *vals, uintptr_t addr, unsigned size, uintptr_t pc)
{
    unsigned used = shadow_groups_used(cells, addr, __ATOMIC_SEQ_CST);
#pragma GCC unroll 4
    for (int i = 0; i < SHADOW_CELLS; i++) {
        if (i == at || !shadow_cell_in_used_group(used, i))
            continue;
        uint64_t c = __atomic_load_n(shadow_cell(cells, i), __ATOMIC_SEQ_CST);
        if (c != vals[i] && conflicts(t, c, cur))
            race_found(t, addr, size, cur, c, (uintptr_t)addr & ~7ul, pc);
    }
}

/*
 * A test hook between the scan and the store, so a unit test can plant
 * another thread's cell exactly there (test_cells). Compiled only when
 * CRACE_ACCESS_TEST_HOOK is defined, which only the unit test's own build
 * of this file does: libcrace has no pointer, load or branch for it (a
 * weak pointer would cost a load and a branch on every slow-path store and
 * export a symbol any program could set).
 */
#ifdef CRACE_ACCESS_TEST_HOOK
void (*access_test_before_store)(uint64_t *cells, int at);
#define BEFORE_STORE(cells, at)                                                                    \
    do {                                                                                           \
        if (access_test_before_store)                                                              \
            access_test_before_store(cells, at);                                                   \
    } while (0)
#else
#define BEFORE_STORE(cells, at) ((void)0)
#endif

/*
 * Store v into cell k, which the scan read as `seen`. A cell of ours is a
 * plain store: no other thread picks it except to combine, evict or
 * supersede it (access.h, steps 3 and 5-8), and
 * a locked instruction there cost a third of the stencil benchmark's time.
 * Any other cell is a sequentially consistent compare-and-swap against
 * `seen`; it fails (returns 0) when another thread stored there since the
 * scan, except in the last round, which forces the store.
 */
static int store_cell(uint64_t *cells, int k, uint64_t seen, uint64_t v, uint64_t cur, int last)
{
    uint64_t *p = shadow_cell(cells, k);
    if (is_ours(seen, cur) || last) {
        __atomic_store_n(p, v, __ATOMIC_RELAXED);
        return 1;
    }
    return __atomic_compare_exchange_n(p, &seen, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

/*
 * The slow path's first look, one pass over the cells of the groups in use.
 * What it finds, most common first:
 *  - LOOK_COVERED: a cell covers cur (the probe of access.h looked at
 *    another one): nothing to record; the cell becomes the probe.
 *  - LOOK_OWN: steps 1 or 2 place cur over a cell of ours (our access of
 *    this epoch and kind widened, or an older one of ours that cur or
 *    another cell of ours covers replaced) and no cell conflicts: that cell takes cur (or the
 * widened cell) with a plain store, exactly what granule_update would do. Bytes written one at a
 * time, or our own data touched again after a synchronization.
 *  - LOOK_EMPTY: step 3's empty cell of group 0, where the full scan would
 *    take it too (granule_place: a compare-and-swap, then the second look).
 *    Data a thread touches first in a granule another thread used.
 *  - LOOK_FULL: anything else (a conflict to report, a foreign cell to
 *    take, a full granule), for granule_update's full scan.
 * A cell that may conflict only sends the access to the full scan, which
 * decides: so the rare questions (a predecessor's cell, an orphaned epoch,
 * orphan.h) cost no call here. Another
 * thread's cell ordered before us by our clock counts as no conflict only
 * when its epoch is above its slot's newest orphan (orphan_has's own first
 * test).
 */
enum look { LOOK_FULL, LOOK_COVERED, LOOK_OWN, LOOK_EMPTY };

/* Where the first look sends the access: the cell (its index) and the
 * value to store there (cur, or our cell of this epoch and kind widened by
 * cur). */
struct look_at {
    int at;
    uint64_t val;
};

/* Another thread's cell c: may it conflict with cur? Yes, for the full
 * scan to decide, when its epoch is beyond our clock or not above its
 * slot's newest orphan (orphan_has's first test, without its lookup). */
static inline __attribute__((always_inline)) int foreign_may_conflict(const struct crace_thread *t,
                                                                      uint64_t c, uint64_t cur)
{
    if (!kinds_overlap(c, cur))
        return 0;
    uint32_t s = cell_slot(c);
    uint64_t e = cell_epoch(c);
    return e > vclock_get(&t->clock, s) || orphan_maybe(s, e);
}

/*
 * The tests of one cell, the common outcomes first, on d = c ^ cur: the
 * same slot and epoch (ours, now), the same slot (ours, older, or the
 * slot's earlier owner's), or another thread's cell. With two cells or more of
 * ours, one may cover the other (step 2's second part): cur takes the
 * covered one. LOOK_EMPTY is step 3's empty cell of group 0 (our own cell
 * first) where the full scan would choose it too: nothing of step 2 applies
 * and we have at most two cells here.
 */
static inline __attribute__((always_inline)) enum look granule_look(const struct crace_thread *t,
                                                                    const uint64_t *cells,
                                                                    uint64_t cur, unsigned used,
                                                                    struct look_at *to)
{
    const uint64_t slot_bits = (uint64_t)(CELL_MAX_SLOTS - 1) << CELL_SLOT_SHIFT;
    int merge = -1, covered = -1, ours = 0, doubt = 0;
    uint64_t merged = 0, vals[SHADOW_CELLS];
#pragma GCC unroll 4
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = vals[i] = cell_load(cells, i, used), d = c ^ cur;
        if (c == 0)
            continue;
        if ((d & CELL_WHO_WHEN) == 0) { /* ours, this epoch */
            if (cell_covers(c, cur)) {
                to->at = i;
                return LOOK_COVERED;
            }
            ours++;
            if ((d & ACCESS_KIND_BITS) == 0) {
                merge = i;
                merged = c;
            } else if (covered < 0 && covers_own(cur, c)) {
                covered = i;
            }
        } else if ((d & slot_bits) == 0) {
            ours++;
            if (unlikely(predecessor_maybe_unordered(t, c)) && kinds_overlap(c, cur))
                doubt = 1;
            else if (covered < 0 && covers_own(cur, c))
                covered = i;
        } else {
            doubt |= foreign_may_conflict(t, c, cur); /* go on: a later cell may cover cur */
        }
    }
    to->at = 0;
    to->val = cur;
    if (doubt)
        return LOOK_FULL;
    if (merge >= 0 || covered >= 0) {
        to->at = merge >= 0 ? merge : covered;
        to->val = merge >= 0 ? merged | cur : cur;
        return LOOK_OWN;
    }
    if (ours > 1) { /* step 2's second part */
        int r = own_covered_by_own(vals, cur);
        if (r >= 0) {
            to->at = r;
            return LOOK_OWN;
        }
        if (ours > 2)
            return LOOK_FULL;
    }
    int own = shadow_own_cell(cur);
    /* an empty cell of group 0, our own cell first (a second load of a
     * line in L1: cheaper than following empty cells in the loop) */
#pragma GCC unroll 4
    for (int k = 0; k < SHADOW_GROUP_CELLS; k++) {
        int i = (own + k) % SHADOW_GROUP_CELLS;
        if (__atomic_load_n(shadow_cell(cells, i), __ATOMIC_RELAXED) == 0) {
            to->at = i;
            return LOOK_EMPTY;
        }
    }
    return LOOK_FULL;
}

/*
 * Scan, then store. A failed compare-and-swap means another thread's access
 * would be lost unchecked: the scan runs again and sees it. After storing
 * over a cell that was not ours (a free one, or another thread's combined
 * or evicted one) the other cells are looked at once more: two threads
 * whose accesses go to different cells each store, then look, and the
 * fences of their compare-and-swaps guarantee that at least one sees the
 * other (the counter sample: 300/300 runs report; test_cells plants the
 * other store between scan and store). A combination stores the combined
 * cell first, so the accesses it holds are never out of the granule. After
 * a few failed rounds the store is forced.
 */
RT_NOINLINE void granule_update(struct crace_thread *t, uint64_t *cells, uint64_t cur,
                                uintptr_t addr, unsigned size, uintptr_t pc)
{
    for (int round = 0; round < 4; round++) {
        uint64_t vals[SHADOW_CELLS];
        struct placement p = granule_scan(t, cells, cur, addr, size, pc, vals,
                                          shadow_groups_used(cells, addr, __ATOMIC_RELAXED));
        shadow_note_use(cells, addr, p.at);
        BEFORE_STORE(cells, p.at);
        if (p.comb >= 0) {
            if (!store_cell(cells, p.comb, vals[p.comb], p.combined, cur, round == 3))
                continue;
            vals[p.comb] = p.combined;
        }
        if (!store_cell(cells, p.at, vals[p.at], p.want, cur, round == 3))
            continue;
        if (!is_ours(vals[p.at], cur))
            recheck_after_store(t, cells, cur, p.at, vals, addr, size, pc);
        return;
    }
}

/*
 * Where the first look could not store with a plain store: step 3's empty
 * cell of group 0 with a compare-and-swap and the second look, as
 * granule_update would (no cell conflicted at the look, so any conflict the
 * second look finds is new: it compares with no cells), or the full scan.
 * Out of line: the common cases need none of the registers it does.
 */
static RT_NOINLINE void granule_place(struct crace_thread *t, uint64_t *cells, uint64_t cur,
                                      uintptr_t addr, unsigned size, uintptr_t pc, enum look l,
                                      int at)
{
    static const uint64_t none[SHADOW_CELLS];
    if (l == LOOK_EMPTY) {
        shadow_note_use(cells, addr, at);
        BEFORE_STORE(cells, at);
        uint64_t seen = 0;
        if (__atomic_compare_exchange_n(shadow_cell(cells, at), &seen, cur, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED)) {
            recheck_after_store(t, cells, cur, at, none, addr, size, pc);
            return;
        }
    }
    granule_update(t, cells, cur, addr, size, pc);
}

/* The first look at a granule the probe did not find covered; a cover
 * elsewhere becomes the next probe (access.h). */
static inline __attribute__((always_inline)) enum look look_and_probe(struct crace_thread *t,
                                                                      const uint64_t *cells,
                                                                      uint64_t cur, uintptr_t addr,
                                                                      struct look_at *to)
{
    enum look l =
        granule_look(t, cells, cur, shadow_groups_used(cells, addr, __ATOMIC_RELAXED), to);
    if (l == LOOK_COVERED)
        t->probe_off = shadow_cell_offset(to->at) * sizeof(uint64_t);
    return l;
}

/* What the first look decided, once the access is in the history. */
static inline __attribute__((always_inline)) void
look_store(struct crace_thread *t, uint64_t *cells, uint64_t cur, uintptr_t addr, unsigned size,
           uintptr_t pc, enum look l, const struct look_at *to)
{
    if (l == LOOK_OWN)
        __atomic_store_n(shadow_cell(cells, to->at), to->val, __ATOMIC_RELAXED);
    else
        granule_place(t, cells, cur, addr, size, pc, l, to->at);
}

/* One granule of a range or 16-byte access that the probe did not find
 * covered; its event `ev` goes to the history once per access, however many
 * granules it touches (*traced). */
static inline __attribute__((always_inline)) void
granule_access(struct crace_thread *t, uint64_t *cells, uint64_t cur, uintptr_t addr, unsigned size,
               uintptr_t pc, const uint64_t *ev, unsigned nev, int *traced)
{
    struct look_at to;
    enum look l = look_and_probe(t, cells, cur, addr, &to);
    if (l == LOOK_COVERED)
        return;
    if (!*traced) {
        trace_put(t, ev, nev);
        *traced = 1;
    }
    look_store(t, cells, cur, addr, size, pc, l, &to);
}

/* The same for a sized access, whose event is built only when it is
 * recorded (this is the hot one: keep its registers few). */
RT_NOINLINE void access_sized_slow(struct crace_thread *t, uint64_t *cells, uint64_t cur,
                                   uintptr_t addr, unsigned size, uintptr_t pc)
{
    struct look_at to;
    enum look l = look_and_probe(t, cells, cur, addr, &to);
    if (l == LOOK_COVERED)
        return;
    uint64_t kind = cur & (CELL_READ | CELL_ATOMIC);
    trace_put2(t, access_event(addr, kind) | ((uint64_t)size_log2(size) << EVA_SIZELOG_SHIFT), pc);
    look_store(t, cells, cur, addr, size, pc, l, &to);
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
    if (!probe_covers(t, cells, cur))
        access_sized_slow(t, cells, cur, addr, size, pc);
}

/* Granule g's part of [a, end): first byte *off, *n bytes. */
static inline __attribute__((always_inline)) void
granule_part(uintptr_t g, uintptr_t a, uintptr_t end, unsigned *off, unsigned *n)
{
    *off = (unsigned)((g > a ? g : a) - g);
    *n = (end - g >= 8) ? 8 - *off : (unsigned)(end - g - *off);
}

/* A range access: every granule it touches, and one history event before
 * the first granule that no cell covers (none when all are covered).
 * The callers (access.h) already checked t, its ignore count and size. */
void access_range_slow(struct crace_thread *t, uintptr_t addr, size_t size, uint64_t kind,
                       uintptr_t pc)
{
    uintptr_t end = addr + size;
    uint64_t base = t->fast | kind;
    const uint64_t ev[3] = {
        access_event(addr, kind) | EVA_RANGE | ((kind & CELL_FREED) ? EVA_FREE : 0), pc, size};
    int traced = 0;
    for (uintptr_t a = addr; a < end;) {
        uintptr_t g = a & ~7ul;
        unsigned off, n;
        granule_part(g, a, end, &off, &n);
        uint64_t *cells = shadow_cells(g);
        if (unlikely(!cells))
            return;
        uint64_t cur = base | cell_bytes(off, n);
        if (!probe_covers(t, cells, cur))
            granule_access(t, cells, cur, a, n, pc, ev, 3, &traced);
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
    int own = shadow_own_cell(cur);
    uint64_t vals[SHADOW_CELLS];
    unsigned used = shadow_groups_used(cells, addr, __ATOMIC_RELAXED);
    for (int i = 0; i < SHADOW_CELLS; i++) {
        vals[i] = cell_load(cells, i, used);
        if (conflicts(t, vals[i], cur))
            race_found(t, addr, size, cur, vals[i], addr & ~7ul, pc);
    }
    shadow_note_use(cells, addr, own);
    uint64_t was = __atomic_exchange_n(shadow_cell(cells, own), cur, __ATOMIC_SEQ_CST);
    if (was != vals[own] && conflicts(t, was, cur))
        race_found(t, addr, size, cur, was, addr & ~7ul, pc);
    used = shadow_groups_used(cells, addr, __ATOMIC_SEQ_CST); /* as recheck_after_store */
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = vals[i];
        if (i == own || (cell_mask(c) & ~cell_mask(cur)) != 0)
            continue; /* ours now, or bytes outside the freed range */
        if (!shadow_cell_in_used_group(used, i))
            continue; /* a group with no cell here, even now */
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
 * A granule whose only cell is one of ours (`seen`, in our own cell; every
 * other cell of the groups in use empty): the free can take that cell
 * with a plain store, and one fence for a run of granules replaces
 * granule_free's exchange per granule (free_run). Sound because no other
 * thread stores over a cell of ours unless it found the granule full
 * (place_in_full) or no empty cell in group 0 (superseding our cell,
 * access.h step 3): the cells that filled it were stored after our look
 * here, and the look after the fence (free_recheck) sees them and reports
 * them, as nothing stored after a free began can be ordered before it.
 */
static inline __attribute__((always_inline)) int free_alone(const struct crace_thread *t,
                                                            const uint64_t *cells, uint64_t cur,
                                                            uint64_t seen, unsigned used)
{
    if (!is_ours(seen, cur) || predecessor_unordered(t, seen))
        return 0;
    int own = shadow_own_cell(cur);
#pragma GCC unroll 4
    for (int i = 0; i < SHADOW_CELLS; i++)
        if (i != own && cell_load(cells, i, used) != 0)
            return 0;
    return 1;
}

/* After the fence: the cells stored beside our freed one since free_alone
 * looked (`used` read after the fence: a store racing with ours set its
 * group's bit first). */
static inline __attribute__((always_inline)) void free_recheck(struct crace_thread *t,
                                                               const uint64_t *cells, uint64_t cur,
                                                               unsigned used, uintptr_t addr,
                                                               unsigned size, uintptr_t pc)
{
    int own = shadow_own_cell(cur);
#pragma GCC unroll 4
    for (int i = 0; i < SHADOW_CELLS; i++) {
        uint64_t c = i == own ? 0 : cell_load(cells, i, used);
        if (conflicts(t, c, cur))
            race_found(t, addr, size, cur, c, addr & ~7ul, pc);
    }
}

#define FREE_RUN 64 /* granules per fence (access_free) */

/*
 * Granules [a, end) of a free: at most FREE_RUN, in one span of the use bits (one
 * look at the use bits). The common cases are plain stores over our own
 * cell: a block freed by the thread that wrote it last in the same epoch
 * (malloc, fill, free), whose write was checked when it was stored (or the
 * other cells were cleared, for the allocation's stamp), so the free,
 * ordered exactly like it, has nothing new to find; and a block only we
 * touched, in earlier epochs (free_alone: one fence and a second look for
 * the whole run). Any other granule takes granule_free.
 */
static void free_run(struct crace_thread *t, uintptr_t a, uintptr_t end, uint64_t base,
                     uintptr_t pc)
{
    uintptr_t g0 = a & ~7ul;
    uint64_t *cells0 = shadow_cells(g0);
    if (unlikely(!cells0))
        return;
    unsigned used = shadow_groups_used(cells0, g0, __ATOMIC_RELAXED), off, n;
    int own = shadow_own_cell(base);
    uint64_t alone = 0;
    for (int k = 0; g0 + 8 * (uintptr_t)k < end; k++) {
        uintptr_t g = g0 + 8 * (uintptr_t)k;
        uint64_t *cells = cells0 + k * SHADOW_GROUP_CELLS;
        granule_part(g, a, end, &off, &n);
        uint64_t cur = base | cell_bytes(off, n);
        uint64_t seen = __atomic_load_n(&cells[own], __ATOMIC_RELAXED); /* group 0 */
        if (seen == (cur & ~CELL_FREED)) {
            __atomic_store_n(&cells[own], cur, __ATOMIC_RELAXED);
        } else if (free_alone(t, cells, cur, seen, used)) {
            BEFORE_STORE(cells, own);
            __atomic_store_n(&cells[own], cur, __ATOMIC_RELAXED);
            alone |= 1ull << k;
        } else {
            granule_free(t, cells, cur, g + off, n, pc);
        }
    }
    if (!alone)
        return;
    __atomic_thread_fence(__ATOMIC_SEQ_CST); /* pairs with store_cell's compare-and-swap */
    used = shadow_groups_used(cells0, g0, __ATOMIC_RELAXED);
    for (; alone; alone &= alone - 1) {
        int k = __builtin_ctzll(alone);
        uintptr_t g = g0 + 8 * (uintptr_t)k;
        granule_part(g, a, end, &off, &n);
        free_recheck(t, cells0 + k * SHADOW_GROUP_CELLS, base | cell_bytes(off, n), used, g + off,
                     n, pc);
    }
}

void access_free(struct crace_thread *t, uintptr_t addr, size_t size, uintptr_t pc)
{
    if (t == 0 || t->ignore || size == 0)
        return;
    trace_put3(t, access_event(addr, 0) | EVA_RANGE | EVA_FREE, pc, size);
    uint64_t base = t->fast | CELL_FREED;
    const uintptr_t chunk = 1ul << SHADOW_USED_SPAN_SHIFT;
    for (uintptr_t a = addr, end = addr + size; a < end;) {
        uintptr_t stop = (a & ~7ul) + 8 * FREE_RUN, chunk_end = (a & ~(chunk - 1)) + chunk;
        stop = stop < chunk_end ? stop : chunk_end;
        stop = stop < end ? stop : end;
        free_run(t, a, stop, base, pc);
        a = stop;
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

/* An aligned 16-byte access that the probes did not find covered in both
 * granules: each granule as a sized access's, with one range event. */
static RT_NOINLINE void access_16_slow(struct crace_thread *t, uint64_t *lo, uint64_t *hi,
                                       uintptr_t a, uint64_t cur, uintptr_t pc)
{
    const uint64_t ev[3] = {access_event(a, cur) | EVA_RANGE, pc, 16};
    int traced = 0;
    if (!probe_covers(t, lo, cur))
        granule_access(t, lo, cur, a, 8, pc, ev, 3, &traced);
    if (!probe_covers(t, hi, cur))
        granule_access(t, hi, cur, a + 8, 8, pc, ev, 3, &traced);
}

/* A 16-byte access (vectorized code): two whole granules when aligned, and
 * then usually covered by two cells of this thread (no call, no event). */
static inline __attribute__((always_inline)) void access_16(struct crace_thread *t, uintptr_t a,
                                                            uint64_t kind, uintptr_t pc)
{
    if (likely(t != 0 && !t->ignore && (a & 7) == 0)) {
        uint64_t cur = t->fast | kind | CELL_MASK_BITS;
        uint64_t *lo = shadow_cells_existing(a), *hi = shadow_cells_existing(a + 8);
        if (likely(lo && hi)) {
            if (!probe_covers(t, lo, cur) || !probe_covers(t, hi, cur))
                access_16_slow(t, lo, hi, a, cur, pc);
            return;
        }
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
