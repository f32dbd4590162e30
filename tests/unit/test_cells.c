/*
 * test_cells.c - unit tests for what happens when a granule's cells are
 * full (access.h, "Replacement policy"): the placement rules one by one
 * (cell_placement), whole access sequences of 2, 3 and 4 threads with 1-,
 * 2- and 4-byte accesses (no race forgotten that the rules promise to
 * keep, none invented), the previous access trace_find names for a
 * combined cell, and the second look after a compare-and-swap store
 * (granule_update), made deterministic by the test-only hook that plants
 * another thread's cell between the scan and the store.
 *
 * Links shadow.c, access.c (compiled with CRACE_ACCESS_TEST_HOOK, see
 * CMakeLists.txt), history.c, clock.c and internal.c. race_found is the
 * test's own: it records conflicts instead of printing them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "access.h"
#include "orphan.h"
#include "shadow.h"
#include "thread.h"

/* ---- what the linked sources need from the rest of the runtime --------- */

__thread struct crace_thread *crace_cur __attribute__((tls_model("initial-exec")));

struct crace_thread *thread_current_slow(void)
{
    return crace_cur;
}

struct race {
    struct crace_thread *t;
    uintptr_t addr;
    uint64_t cur, old;
    uintptr_t pc;
};
static struct race races[64];
static int nraces;

void race_found(struct crace_thread *t, uintptr_t addr, unsigned size, uint64_t cur, uint64_t old,
                uintptr_t granule, uintptr_t pc)
{
    (void)size;
    (void)granule;
    if (nraces < 64)
        races[nraces] = (struct race){t, addr, cur, old, pc};
    nraces++;
}

/* ---- cells -------------------------------------------------------------- */

static uint64_t W(uint32_t slot, uint64_t epoch, unsigned mask)
{
    return cell_make(slot, epoch) | mask;
}

static uint64_t R(uint32_t slot, uint64_t epoch, unsigned mask)
{
    return W(slot, epoch, mask) | CELL_READ;
}

static struct placement place(uint64_t c0, uint64_t c1, uint64_t c2, uint64_t c3, uint64_t cur,
                              uint64_t min_epoch)
{
    uint64_t vals[SHADOW_CELLS] = {c0, c1, c2, c3};
    return cell_placement(vals, cur, min_epoch, 0x400000001000);
}

static void assert_place(struct placement p, int at, uint64_t want, int comb, uint64_t combined)
{
    assert_int_equal(p.at, at);
    assert_int_equal(p.want, want);
    assert_int_equal(p.comb, comb);
    if (comb >= 0)
        assert_int_equal(p.combined, combined);
}

/* ---- the placement rules ------------------------------------------------ */

/* Lossless first: a cell of ours that cur covers goes, even with an empty
 * cell left; in a full granule, a cell of ours whose bytes later accesses
 * of ours all touched again (bytes 0-1 at epoch 2, bytes 2-3 now). */
static void test_covered_and_redundant_own_cells(void **state)
{
    (void)state;
    uint64_t cur = W(1, 3, 0x0f);
    assert_place(place(W(2, 1, 0x80), 0, W(1, 1, 0x03), 0, cur, 0), 2, cur, -1, 0);
    cur = W(1, 3, 0x0c);
    assert_place(place(W(1, 1, 0x0f), W(1, 2, 0x03), W(2, 1, 0x80), 0, cur, 0), 3, cur, -1, 0);
    assert_place(place(W(1, 1, 0x0f), W(1, 2, 0x03), W(2, 1, 0x80), W(3, 1, 0x40), cur, 0), 0, cur,
                 -1, 0);
    /* a read does not make a write redundant: cur joins the read cell */
    cur = R(1, 3, 0x0c);
    assert_place(place(W(1, 1, 0x0f), R(1, 2, 0x03), W(2, 1, 0x80), W(3, 1, 0x40), cur, 0), 1,
                 R(1, 2, 0x0f), -1, 0);
}

/* An empty cell: our own cell (shadow.h) when it is free, else the first
 * empty one in index order (group 0 fills before group 1). */
static void test_empty_own_cell(void **state)
{
    (void)state;
    for (uint32_t slot = 1; slot <= 4; slot++) {
        uint64_t cur = W(slot, 1, 0x01), other = W(slot + 10, 1, 0x80);
        int own = shadow_own_cell(cur);
        uint64_t v[SHADOW_CELLS] = {0, 0, 0, 0};
        v[own == 3 ? 0 : 3] = other; /* own free, another cell taken */
        assert_place(place(v[0], v[1], v[2], v[3], cur, 0), own, cur, -1, 0);
        uint64_t u[SHADOW_CELLS] = {0, 0, 0, 0};
        u[own] = other; /* own taken: the first empty */
        int first = own == 0 ? 1 : 0;
        assert_place(place(u[0], u[1], u[2], u[3], cur, 0), first, cur, -1, 0);
    }
}

/* Full: another thread's redundant cell (its bytes 0-3 rewritten at
 * epochs 2 and 3) goes before anything is combined. */
static void test_redundant_other_cell(void **state)
{
    (void)state;
    uint64_t cur = W(1, 5, 0x20);
    assert_place(place(W(2, 1, 0x0f), W(2, 2, 0x03), W(2, 3, 0x0c), W(3, 1, 0x10), cur, 0), 0, cur,
                 -1, 0);
}

/* Our two oldest cells of one kind combine into the older epoch with both
 * masks; the other thread's cell is untouched. */
static void test_combine_own_oldest_pair(void **state)
{
    (void)state;
    uint64_t cur = W(1, 4, 0x08);
    /* slot 1's plane (1) is the other thread's: cur takes the newer cell */
    assert_place(place(W(1, 3, 0x04), W(2, 1, 0x80), W(1, 1, 0x01), W(1, 2, 0x02), cur, 0), 3, cur,
                 2, W(1, 1, 0x03));
    /* when one of the pair is in our plane, cur goes there */
    assert_place(place(W(2, 1, 0x80), W(1, 2, 0x02), W(1, 3, 0x04), W(1, 1, 0x01), cur, 0), 1, cur,
                 3, W(1, 1, 0x03));
    /* reads combine with reads, not with writes */
    cur = R(1, 9, 0x40);
    assert_place(place(W(1, 1, 0x01), R(1, 5, 0x02), W(2, 1, 0x80), R(1, 3, 0x04), cur, 0), 1, cur,
                 3, R(1, 3, 0x06));
}

/* No pair of ours: another thread's pair is combined before cur is
 * combined with our cell, and long before anything is evicted. */
static void test_combine_other_pair(void **state)
{
    (void)state;
    uint64_t cur = W(1, 5, 0x02);
    assert_place(place(W(1, 2, 0x01), W(2, 1, 0x10), W(2, 2, 0x20), W(3, 1, 0x40), cur, 0), 1, cur,
                 2, W(2, 1, 0x30));
}

/* Nothing else left: cur joins our newest cell of its kind (that cell's
 * epoch, both masks). */
static void test_combine_cur_with_own(void **state)
{
    (void)state;
    uint64_t cur = W(1, 9, 0x08);
    assert_place(place(W(1, 2, 0x01), W(2, 1, 0x80), W(3, 1, 0x40), W(4, 1, 0x20), cur, 0), 0,
                 W(1, 2, 0x09), -1, 0);
    assert_place(
        place(W(1, 2, 0x01), R(1, 4, 0x02), W(1, 5, 0x04) | CELL_ATOMIC, W(4, 1, 0x20), cur, 0), 0,
        W(1, 2, 0x09), -1, 0);
}

/* Kinds never mix: with no two cells of one (slot, kind) among the four and
 * cur, one is evicted: the oldest of the slot with the most of them. */
static void test_evict_only_without_pairs(void **state)
{
    (void)state;
    uint64_t cur = W(1, 9, 0x08) | CELL_ATOMIC;
    assert_place(place(W(2, 1, 0x80), R(1, 4, 0x02), W(1, 3, 0x01), W(3, 1, 0x40), cur, 0), 2, cur,
                 -1, 0);
    /* another slot with three cells against our two: its oldest goes */
    assert_place(
        place(W(2, 4, 0x80), R(2, 3, 0x40), R(2, 5, 0x10) | CELL_ATOMIC, W(1, 3, 0x01), cur, 0), 1,
        cur, -1, 0);
    /* two against two: ours */
    assert_place(place(W(2, 4, 0x80), R(2, 3, 0x40), W(1, 3, 0x01), W(3, 1, 0x20), cur, 0), 2, cur,
                 -1, 0);
    /* a freed cell is not combined with a write of the same slot */
    cur = W(1, 9, 0x02);
    assert_place(
        place(W(1, 1, 0xff) | CELL_FREED, W(1, 2, 0x01), W(2, 1, 0x80), W(3, 1, 0x40), cur, 0), 1,
        W(1, 2, 0x03), -1, 0);
    /* five threads: some cell goes, cur is stored as it is */
    struct placement p =
        place(W(1, 1, 0x01), W(2, 1, 0x02), W(3, 1, 0x04), W(4, 1, 0x08), W(5, 1, 0x10), 0);
    assert_in_range(p.at, 0, SHADOW_CELLS - 1);
    assert_int_equal(p.want, W(5, 1, 0x10));
    assert_int_equal(p.comb, -1);
}

/* Cells of our slot before our first epoch are an earlier thread's: never
 * combined with ours, nor with each other by us. */
static void test_previous_thread_on_slot(void **state)
{
    (void)state;
    uint64_t cur = W(1, 5, 0x04);
    assert_place(place(W(1, 1, 0x01), W(1, 2, 0x02), W(2, 1, 0x80), W(3, 1, 0x40), cur, 4), 0, cur,
                 -1, 0);
    assert_place(place(W(1, 1, 0x01), W(1, 4, 0x02), W(2, 1, 0x80), W(3, 1, 0x40), cur, 4), 1,
                 W(1, 4, 0x06), -1, 0);
}

/* A cell of an orphaned epoch (a finished thread's last, orphan.h) is not
 * combined with a later owner's cell of its slot: combined into the
 * orphaned epoch, the later owner's bytes would conflict for threads
 * ordered after them. Without a pair left, the granule evicts instead. */
static void test_orphaned_cell_not_combined(void **state)
{
    (void)state;
    orphan_add(6, 5); /* slot 6's owner finished at epoch 5, its successor goes on at 7 */
    uint64_t cur = W(1, 3, 0x10);
    struct placement p = place(W(6, 5, 0x01), W(6, 7, 0x02), W(3, 1, 0x04), W(4, 1, 0x08), cur, 0);
    assert_int_equal(p.comb, -1);
    assert_int_equal(p.want, cur);
    /* two cells of the successor alone are combined as usual */
    assert_place(place(W(6, 7, 0x01), W(6, 8, 0x02), W(3, 1, 0x04), W(4, 1, 0x08), cur, 0), 1, cur,
                 0, W(6, 7, 0x03));
}

/* ---- whole access sequences -------------------------------------------- */

struct fake {
    struct crace_thread t;
    struct trace tr;
};

static void fake_init(struct fake *f, uint32_t slot, uint64_t epoch)
{
    memset(f, 0, sizeof *f);
    f->t.slot = slot;
    f->t.uid = slot;
    vclock_set(&f->t.clock, slot, epoch);
    f->t.fast = cell_make(slot, epoch);
    trace_init(&f->tr, 0);
    f->t.tr = &f->tr;
    f->t.stack = rt_map(THREAD_STACK_CAP * sizeof(uintptr_t));
}

static void fake_destroy(struct fake *f)
{
    trace_destroy(&f->tr);
    rt_unmap(f->t.stack, THREAD_STACK_CAP * sizeof(uintptr_t));
    vclock_free(&f->t.clock);
}

/* A release: what thread_tick does, without the registry. */
static void fake_tick(struct fake *f)
{
    uint64_t e = vclock_get(&f->t.clock, f->t.slot) + 1;
    vclock_set(&f->t.clock, f->t.slot, e);
    f->t.fast = cell_make(f->t.slot, e);
    trace_put1(&f->t, EV_OTHER | (EVO_EPOCH << 2) | (e << 8));
}

#define NFAKES 5
static struct fake F[NFAKES]; /* slots 1..5 */
static const uintptr_t G = 0x400000002000;

static int setup(void **state)
{
    (void)state;
    for (int i = 0; i < NFAKES; i++)
        fake_init(&F[i], (uint32_t)i + 1, 3);
    shadow_clear(G - 64, 256);
    nraces = 0;
    access_test_before_store = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < NFAKES; i++)
        fake_destroy(&F[i]);
    access_test_before_store = 0;
    return 0;
}

static uint64_t cell_at(int k)
{
    return __atomic_load_n(shadow_cell(shadow_cells(G), k), __ATOMIC_RELAXED);
}

static int count_slot(uint32_t slot)
{
    int n = 0;
    for (int k = 0; k < SHADOW_CELLS; k++)
        n += cell_at(k) != 0 && cell_slot(cell_at(k)) == slot;
    return n;
}

/* The access trace_find names for the cell a race was found with. */
static uintptr_t previous_pc(const struct race *r, struct fake *owner)
{
    static struct trace_hit hit;
    unsigned both = cell_mask(r->old) & cell_mask(r->cur);
    uint64_t kind =
        (cell_is_read(r->old) ? EVA_READ : 0) | (cell_is_atomic(r->old) ? EVA_ATOMIC : 0);
    trace_find(&owner->tr, cell_epoch(r->old), G, both, kind, &hit);
    assert_true(hit.found);
    return hit.pc;
}

#define OWNER_PC 0x100 /* + offset of the owner's access */

/*
 * `others` threads (slots 2..) first touch one top byte each (byte 7 - i;
 * writes and reads alternate); then the owner (slot 1) writes `size` bytes
 * at every offset below them, each in a new epoch. Every other thread's
 * first cell must survive, and each of them, never synchronized with the
 * owner, must see a race on every byte the owner wrote, named with the
 * owner's first access to that byte at the cell's epoch or later. A
 * thread that synchronized with the owner midway sees no race on bytes the
 * owner last wrote before that.
 */
static void owner_and_others(int others, unsigned size)
{
    setup(0);
    struct fake *owner = &F[0], *synced = &F[others + 1];
    uint64_t first[NFAKES];
    for (int i = 1; i <= others; i++) {
        uint64_t kind = (i % 2) ? 0 : CELL_READ;
        access_sized(&F[i].t, G + 7 - (unsigned)(i - 1), 1, kind, 0x900 + (uintptr_t)i);
        first[i] = F[i].t.fast | kind | (0x80u >> (i - 1));
    }
    unsigned top = 8 - (unsigned)others; /* bytes [0, top) are the owner's */
    unsigned last_off = top - size;
    unsigned sync_after = (last_off + 1) / 2; /* synced knows offsets < sync_after */
    uint64_t epoch0 = cell_epoch(owner->t.fast);
    for (unsigned off = 0; off <= last_off; off++) {
        access_sized(&owner->t, G + off, size, 0, OWNER_PC + off);
        if (off + 1 == sync_after) /* a release the synced thread acquires */
            vclock_join(&synced->t.clock, &owner->t.clock);
        fake_tick(owner);
    }
    assert_int_equal(nraces, 0);
    for (int i = 1; i <= others; i++) {
        int kept = 0;
        for (int k = 0; k < SHADOW_CELLS; k++)
            kept += cell_at(k) == first[i];
        if (kept != 1)
            fail_msg("%d others, size %u: thread %d's cell was evicted", others, size, i + 1);
    }

    /* every other thread races with the owner on every byte it wrote */
    for (int i = 1; i <= others; i++) {
        uint64_t kind = (i % 2) ? 0 : CELL_READ;
        for (unsigned b = 0; b < top; b++) {
            nraces = 0;
            access_sized(&F[i].t, G + b, 1, kind, 0xa00 + b);
            /* the race with the owner (other threads' widened cells may
             * race too, and come first in cell order) */
            int w = 0;
            while (w < nraces && cell_slot(races[w].old) != 1)
                w++;
            if (w == nraces)
                fail_msg("%d others, size %u: thread %d missed byte %u", others, size, i + 1, b);
            /* the owner's accesses covering b: offsets lo..hi, at epoch0 + offset */
            unsigned lo = b + 1 >= size ? b + 1 - size : 0, hi = b < last_off ? b : last_off;
            unsigned from = (unsigned)(cell_epoch(races[w].old) - epoch0);
            assert_true(from <= hi);
            assert_int_equal(previous_pc(&races[w], owner), OWNER_PC + (from > lo ? from : lo));
        }
    }
    /* and the owner's accesses to their bytes race with them */
    for (int i = 1; i <= others; i++) {
        nraces = 0;
        access_sized(&owner->t, G + 7 - (unsigned)(i - 1), 1, 0, 0xb00);
        assert_true(nraces >= 1);
        assert_int_equal(cell_slot(races[0].old), (uint32_t)i + 1);
    }

    /* bytes the owner last wrote before the sync: ordered for `synced` (the
     * others' stores of them just now do race with it) */
    nraces = 0;
    int checked = 0;
    for (unsigned b = 0; b < top; b++) {
        unsigned hi = b < last_off ? b : last_off; /* last offset covering b */
        if (hi < sync_after) {
            access_sized(&synced->t, G + b, 1, CELL_READ, 0x800 + b);
            checked++;
        }
    }
    assert_true(checked > 0);
    for (int k = 0; k < nraces && k < 64; k++)
        if (cell_slot(races[k].old) == 1)
            fail_msg("%d others, size %u: false race for a synchronized thread", others, size);
    teardown(0);
}

static void test_two_threads(void **state)
{
    (void)state;
    for (unsigned size = 1; size <= 4; size *= 2)
        owner_and_others(1, size);
}

static void test_three_threads(void **state)
{
    (void)state;
    for (unsigned size = 1; size <= 4; size *= 2)
        owner_and_others(2, size);
}

static void test_four_threads(void **state)
{
    (void)state;
    for (unsigned size = 1; size <= 4; size *= 2)
        owner_and_others(3, size);
}

/* One thread reading and writing 7 bytes at 16 epochs never takes the
 * only cell of a second thread. */
static void test_reads_and_writes_of_one_thread(void **state)
{
    (void)state;
    struct fake *a = &F[0], *b = &F[1];
    access_sized(&b->t, G + 7, 1, CELL_READ, 0x1);
    uint64_t bcell = b->t.fast | CELL_READ | 0x80;
    for (unsigned i = 0; i < 16; i++) {
        access_sized(&a->t, G + i % 7, 1, (i / 7) % 2 ? CELL_READ : 0, 0x10 + i);
        fake_tick(a);
        assert_int_equal(count_slot(2), 1);
    }
    int found = 0;
    for (int k = 0; k < SHADOW_CELLS; k++)
        found += cell_at(k) == bcell;
    assert_int_equal(found, 1);
    assert_int_equal(nraces, 0);
}

/* The same bytes rewritten piece by piece, reads and writes alternating
 * across synchronizations: once three cells are used, each new epoch's
 * access takes a cell of ours that a newer one of ours covers (a plain
 * store, lossless), so the fourth stays free for another thread. */
static void test_rewrite_reuses_covered_cells(void **state)
{
    (void)state;
    struct fake *a = &F[0];
    for (int step = 0; step < 12; step++) {
        uint64_t kind = step % 2 ? CELL_READ : 0;
        access_sized(&a->t, G, 4, kind, 0x10);
        access_sized(&a->t, G + 4, 4, kind, 0x14);
        assert_int_equal(count_slot(1), step < 3 ? step + 1 : 3);
        fake_tick(a);
    }
    uint64_t e = cell_epoch(a->t.fast) - 1;
    int found = 0;
    for (int k = 0; k < SHADOW_CELLS; k++)
        found += cell_at(k) == R(1, e, 0xff) || cell_at(k) == W(1, e - 1, 0xff);
    assert_int_equal(found, 2);
    assert_int_equal(nraces, 0);
}

/* ---- ranges inside one granule (access_range's inline check) ----------- */

/* A small range (a memcpy of 2 bytes) is checked like a sized access: the
 * first in an epoch is recorded once, a repeat covered by that cell leaves
 * no event, another thread's unordered range over the same bytes races,
 * and one starting in the next granule's bytes is not covered there. */
static void test_small_range_in_one_granule(void **state)
{
    (void)state;
    struct fake *a = &F[0], *b = &F[1];
    uint64_t pos = a->tr.pos;
    access_range(&a->t, G + 2, 2, 0, 0x31);
    uint64_t after_first = a->tr.pos;
    assert_true(after_first > pos);
    access_range(&a->t, G + 2, 2, 0, 0x32);
    access_range(&a->t, G + 3, 1, CELL_READ, 0x33); /* covered by the write */
    assert_int_equal(a->tr.pos, after_first);
    assert_int_equal(nraces, 0);
    access_range(&b->t, G + 3, 2, CELL_READ, 0x34);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, W(1, 3, 0x0c));
    assert_int_equal(races[0].cur, R(2, 3, 0x18));
    nraces = 0;
    access_range(&b->t, G + 6, 4, 0, 0x35); /* bytes 6-7 and the next granule's 0-1 */
    assert_int_equal(nraces, 0);
    access_range(&a->t, G + 8, 1, CELL_READ, 0x36);
    assert_int_equal(nraces, 1);
    assert_int_equal(cell_slot(races[0].old), 2);
}

/* ---- the second look after a compare-and-swap (granule_update) ---------- */

static uint64_t plant_value;
static int plant_where; /* -1: the cell the access is about to take */

/* Another thread's store lands between the scan and the store: once. */
static void plant(uint64_t *cells, int at)
{
    int k = plant_where < 0 ? at : plant_where;
    access_test_before_store = 0;
    shadow_note_use(cells, G, k);
    __atomic_store_n(shadow_cell(cells, k), plant_value, __ATOMIC_SEQ_CST);
}

/* The two first accesses to a granule go to different free cells: the one
 * whose scan missed the other's must see it when it looks again. */
static void test_recheck_after_taking_free_cell(void **state)
{
    (void)state;
    plant_value = W(2, 3, 0x01); /* thread 2's write of byte 0, unordered */
    plant_where = 0;             /* plane 0: not thread 1's */
    access_test_before_store = plant;
    access_sized(&F[0].t, G, 1, 0, 0x77);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, plant_value);
    assert_int_equal(races[0].cur, W(1, 3, 0x01));
    assert_int_equal(cell_at(0), plant_value);
    assert_int_equal(cell_at(1), W(1, 3, 0x01));
}

/* The planted store takes the very cell chosen: the compare-and-swap
 * fails, the scan runs again and finds it, and the access goes elsewhere. */
static void test_failed_swap_scans_again(void **state)
{
    (void)state;
    plant_value = W(2, 3, 0x01);
    plant_where = -1;
    access_test_before_store = plant;
    access_sized(&F[0].t, G, 1, 0, 0x77);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, plant_value);
    assert_int_equal(count_slot(1), 1);
    assert_int_equal(count_slot(2), 1);
}

/* The racing store goes to the last group, which held no cell in this
 * chunk when the scan ran (so the scan did not load it): the look after
 * the compare-and-swap reads the group's use bit again and sees it. A
 * chunk no other test uses: use bits are never cleared. */
static const uintptr_t FRESH = 0x400000732000;
static uintptr_t plant_addr; /* the granule plant_fresh plants in */

static void plant_fresh(uint64_t *cells, int at)
{
    (void)at;
    access_test_before_store = 0;
    shadow_note_use(cells, plant_addr, SHADOW_CELLS - 1);
    __atomic_store_n(shadow_cell(cells, SHADOW_CELLS - 1), plant_value, __ATOMIC_SEQ_CST);
}

static void test_recheck_sees_newly_used_group(void **state)
{
    (void)state;
    uint64_t *cells = shadow_cells(FRESH);
    assert_int_equal(shadow_groups_used(cells, FRESH, __ATOMIC_RELAXED), 1);
    plant_value = W(2, 3, 0x01);
    plant_addr = FRESH;
    access_test_before_store = plant_fresh;
    access_sized(&F[0].t, FRESH, 1, 0, 0x77);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, plant_value);
    assert_int_equal(*shadow_cell(cells, SHADOW_CELLS - 1), plant_value);
}

/* Storing over another thread's cell (combining its pair) looks again
 * too: a racing store that replaced a third cell meanwhile is seen. */
static void test_recheck_after_combining_others(void **state)
{
    (void)state;
    uint64_t *cells = shadow_cells(G);
    uint64_t init[SHADOW_CELLS] = {W(3, 1, 0x01), W(3, 2, 0x02), W(4, 1, 0x04), W(5, 1, 0x08)};
    for (int k = 0; k < SHADOW_CELLS; k++) {
        shadow_note_use(cells, G, k);
        *shadow_cell(cells, k) = init[k];
    }
    plant_value = W(2, 3, 0x10); /* thread 2 wrote byte 4 over thread 4's cell */
    plant_where = 2;
    access_test_before_store = plant;
    access_sized(&F[0].t, G + 4, 1, 0, 0x77);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, plant_value);
    /* thread 3's pair was combined: cell 0 holds both, cur took cell 1 */
    assert_int_equal(cell_at(0), W(3, 1, 0x03));
    assert_int_equal(cell_at(1), W(1, 3, 0x10));
}

/* ---- frees (access_free) ------------------------------------------------ */

static uint64_t freed(uint32_t slot, uint64_t epoch, unsigned mask)
{
    return W(slot, epoch, mask) | CELL_FREED;
}

/* A block only thread 1 wrote, in an earlier epoch: the free takes its
 * cell and leaves nothing else (no race, no other cell). */
static void test_free_of_own_older_block(void **state)
{
    (void)state;
    access_sized(&F[0].t, G, 8, 0, 0x77);
    fake_tick(&F[0]);
    access_free(&F[0].t, G, 8, 0x78);
    assert_int_equal(nraces, 0);
    int own = shadow_own_cell(F[0].t.fast);
    for (int k = 0; k < SHADOW_CELLS; k++)
        assert_int_equal(cell_at(k), k == own ? freed(1, 4, 0xff) : 0);
}

/* Another thread's read lands beside the block's only cell while the free
 * takes that cell with a plain store: the look after the fence sees it. */
static void test_free_sees_store_beside_it(void **state)
{
    (void)state;
    access_sized(&F[0].t, G, 8, 0, 0x77);
    fake_tick(&F[0]);
    plant_value = R(2, 3, 0x01); /* thread 2 read byte 0, unordered */
    plant_where = 1 - shadow_own_cell(F[0].t.fast);
    access_test_before_store = plant;
    access_free(&F[0].t, G, 8, 0x78);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, plant_value);
    assert_int_equal(races[0].cur, freed(1, 4, 0xff));
}

/* The same with the read going to a group that held no cell in its chunk
 * when the free looked: the look after the fence reads the use bits again. */
static const uintptr_t FRESH_FREE = 0x400000742000;

static void test_free_sees_store_in_new_group(void **state)
{
    (void)state;
    uint64_t *cells = shadow_cells(FRESH_FREE);
    assert_int_equal(shadow_groups_used(cells, FRESH_FREE, __ATOMIC_RELAXED), 1);
    access_sized(&F[0].t, FRESH_FREE, 8, 0, 0x77);
    fake_tick(&F[0]);
    plant_value = R(2, 3, 0x80);
    plant_addr = FRESH_FREE;
    access_test_before_store = plant_fresh;
    access_free(&F[0].t, FRESH_FREE, 8, 0x78);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, plant_value);
}

/* A free longer than one run of granules (one fence each): granules of
 * both runs are checked, the ones only we touched and the one another
 * thread read. */
static void test_free_over_several_runs(void **state)
{
    (void)state;
    const uintptr_t b = G + 0x1000;
    shadow_clear(b, 2048);
    access_range(&F[0].t, b + 4, 1500, 0, 0x77);
    fake_tick(&F[0]);
    access_sized(&F[1].t, b + 1200, 2, CELL_READ, 0x79); /* races with the write */
    assert_int_equal(nraces, 1);
    nraces = 0;
    access_free(&F[0].t, b + 4, 1500, 0x78);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, R(2, 3, 0x03));
    assert_int_equal(races[0].addr, b + 1200);
    for (uintptr_t a = b; a < b + 1504; a += 8) {
        uint64_t *cells = shadow_cells(a);
        uint64_t own = *shadow_cell(cells, shadow_own_cell(F[0].t.fast));
        assert_true(cell_is_freed(own) && cell_epoch(own) == 4);
    }
}

/* ---- a redundant cell before a group not yet used ------------------------ */

/* Thread 2 wrote and then read a granule (its read is redundant: the later
 * write covers it); thread 1, ordered after both, reads it. Where group 1
 * holds no cell in the chunk yet, the read takes the redundant cell and the
 * chunk stays without group-1 cells. A chunk no other test uses. */
static const uintptr_t FRESH_RED = 0x400000752000;

static void test_redundant_before_unused_group(void **state)
{
    (void)state;
    uint64_t *cells = shadow_cells(FRESH_RED);
    assert_int_equal(shadow_groups_used(cells, FRESH_RED, __ATOMIC_RELAXED), 1);
    *shadow_cell(cells, 0) = W(2, 8, 0xff);
    *shadow_cell(cells, 1) = R(2, 7, 0xff);
    vclock_set(&F[0].t.clock, 2, 8);
    access_sized(&F[0].t, FRESH_RED, 1, CELL_READ, 0x77);
    assert_int_equal(nraces, 0);
    assert_int_equal(*shadow_cell(cells, 0), W(2, 8, 0xff));
    assert_int_equal(*shadow_cell(cells, 1), R(1, 3, 0x01));
    assert_int_equal(shadow_groups_used(cells, FRESH_RED, __ATOMIC_RELAXED), 1);
}

/* Where group 1 is in use already, the empty cell goes first (step 3) and
 * the redundant cell stays. */
static void test_empty_cell_of_used_group(void **state)
{
    (void)state;
    uint64_t *cells = shadow_cells(G);
    shadow_note_use(cells, G, SHADOW_GROUP_CELLS);
    *shadow_cell(cells, 0) = W(2, 8, 0xff);
    *shadow_cell(cells, 1) = R(2, 7, 0xff);
    vclock_set(&F[0].t.clock, 2, 8);
    access_sized(&F[0].t, G, 1, CELL_READ, 0x77);
    assert_int_equal(nraces, 0);
    assert_int_equal(cell_at(1), R(2, 7, 0xff));
    assert_int_equal(cell_at(SHADOW_GROUP_CELLS), R(1, 3, 0x01));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_covered_and_redundant_own_cells),
        cmocka_unit_test(test_empty_own_cell),
        cmocka_unit_test(test_redundant_other_cell),
        cmocka_unit_test(test_combine_own_oldest_pair),
        cmocka_unit_test(test_combine_other_pair),
        cmocka_unit_test(test_combine_cur_with_own),
        cmocka_unit_test(test_evict_only_without_pairs),
        cmocka_unit_test(test_previous_thread_on_slot),
        cmocka_unit_test(test_orphaned_cell_not_combined),
        cmocka_unit_test(test_two_threads),
        cmocka_unit_test(test_three_threads),
        cmocka_unit_test(test_four_threads),
        cmocka_unit_test_setup_teardown(test_reads_and_writes_of_one_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rewrite_reuses_covered_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_range_in_one_granule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recheck_after_taking_free_cell, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_swap_scans_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recheck_after_combining_others, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recheck_sees_newly_used_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_of_own_older_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_sees_store_beside_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_sees_store_in_new_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_over_several_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redundant_before_unused_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_cell_of_used_group, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
