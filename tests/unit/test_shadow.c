/*
 * test_shadow.c - unit tests for runtime/shadow.c (address -> cells table,
 * clearing, freed marking) and, through access.h / access.c, the per-access
 * check at byte precision.
 *
 * Links shadow.c, access.c, history.c, clock.c and internal.c. The test
 * defines what those call into elsewhere in the runtime: race_found (to
 * record conflicts instead of printing them), crace_cur and
 * thread_current_slow. The shadow is a table, not a direct mapping, so the
 * application addresses used here need not be mapped: only their shadow is
 * touched.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
    unsigned size;
    uint64_t cur, old;
    uintptr_t granule, pc;
};
static struct race races[64];
static int nraces;

void race_found(struct crace_thread *t, uintptr_t addr, unsigned size, uint64_t cur, uint64_t old,
                uintptr_t granule, uintptr_t pc)
{
    if (nraces < 64)
        races[nraces] = (struct race){t, addr, size, cur, old, granule, pc};
    nraces++;
}

/* ---- helpers ------------------------------------------------------------ */

#define GRAN SHADOW_GRANULE
#define REGION (1ul << SHADOW_REGION_SHIFT)

static uint64_t pattern(uintptr_t granule, int k)
{
    return (((uint64_t)granule << 2) | (uint64_t)k) * 0x9e3779b97f4a7c15ull | 1;
}

/* Fill the cells of every granule in [lo, hi) with a per-cell value. */
static void fill(uintptr_t lo, uintptr_t hi)
{
    for (uintptr_t g = lo & ~7ul; g < hi; g += GRAN) {
        uint64_t *c = shadow_cells(g);
        for (int k = 0; k < SHADOW_CELLS; k++) {
            shadow_note_use(c, g, k); /* as the access path does */
            (*shadow_cell(c, k)) = pattern(g, k);
        }
    }
}

static void check_pattern(uintptr_t lo, uintptr_t hi)
{
    for (uintptr_t g = lo & ~7ul; g < hi; g += GRAN) {
        uint64_t *c = shadow_cells(g);
        for (int k = 0; k < SHADOW_CELLS; k++)
            if ((*shadow_cell(c, k)) != pattern(g, k))
                fail_msg("granule 0x%lx cell %d changed: 0x%llx", (unsigned long)g, k,
                         (unsigned long long)(*shadow_cell(c, k)));
    }
}

static void check_zero(uintptr_t lo, uintptr_t hi)
{
    for (uintptr_t g = lo & ~7ul; g < hi; g += GRAN) {
        uint64_t *c = shadow_cells(g);
        for (int k = 0; k < SHADOW_CELLS; k++)
            if ((*shadow_cell(c, k)) != 0)
                fail_msg("granule 0x%lx cell %d not cleared: 0x%llx", (unsigned long)g, k,
                         (unsigned long long)(*shadow_cell(c, k)));
    }
}

/* Is the shadow page holding cell k of addr's granule resident? */
static int cell_page_resident(uintptr_t addr, int k)
{
    uintptr_t page = (uintptr_t)shadow_cell(shadow_cells(addr), k) & ~4095ul;
    unsigned char v = 0;
    assert_int_equal(mincore((void *)page, 4096, &v), 0);
    return v & 1;
}

/* The same for the page of its group-0 cells. */
static int shadow_page_resident(uintptr_t addr)
{
    return cell_page_resident(addr, 0);
}

/* ---- the address -> cells table ---------------------------------------- */

static void test_same_granule_same_cells(void **state)
{
    (void)state;
    uintptr_t bases[] = {0x1000, 0x7fffffffe000, 0x555555554abc & ~7ul, (1ul << 47) - 8, 0};
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        uint64_t *c = shadow_cells(bases[i]);
        assert_non_null(c);
        for (unsigned off = 1; off < GRAN; off++)
            assert_ptr_equal(shadow_cells(bases[i] + off), c);
        if (bases[i] + GRAN < (1ul << 47)) {
            char *next = (char *)shadow_cells(bases[i] + GRAN);
            /* cell 0s of neighbours are one group apart */
            assert_int_equal(next - (char *)c, 8 * SHADOW_GROUP_CELLS);
        }
        if (bases[i] >= GRAN) {
            char *prev = (char *)shadow_cells(bases[i] - 1);
            assert_int_equal((char *)c - prev, 8 * SHADOW_GROUP_CELLS);
        }
        /* cells of a group side by side; group g + 1 a region's worth of
         * groups after group g */
        for (int k = 1; k < SHADOW_CELLS; k++)
            assert_int_equal((char *)shadow_cell(c, k) - (char *)shadow_cell(c, k - 1),
                             k % SHADOW_GROUP_CELLS
                                 ? 8
                                 : (long)(REGION / GRAN * SHADOW_GROUP_CELLS * 8) -
                                       8 * (SHADOW_GROUP_CELLS - 1));
    }
}

static void test_no_aliasing(void **state)
{
    (void)state;
    uintptr_t addrs[] = {
        0,
        0x1000,
        0x1000 + REGION, /* one region apart: same offset in the region */
        0x1000 + (1ul << 46),
        0x400000,
        0x555555554000,
        0x555555554000 + 8,
        0x7fffffffe000,
        0x7ff000000000,
        (1ul << 46) + 8,
        (1ul << 46),
        (1ul << 30) - 8,
        1ul << 30,
        (2ul << 30) - 8,
        2ul << 30,
        (0x15555ul << 30) - 8,
        0x15555ul << 30,
        (131071ul << 30) - 8,
        131071ul << 30,
        (1ul << 47) - 8,
    };
    enum { N = sizeof addrs / sizeof addrs[0] };
    uint64_t *cells[N];
    for (int i = 0; i < N; i++) {
        cells[i] = shadow_cells(addrs[i]);
        assert_non_null(cells[i]);
    }
    /* no two granules share or overlap cells */
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++) {
            intptr_t d = cells[i] - cells[j];
            if (d == 0)
                fail_msg("0x%lx and 0x%lx share shadow", (unsigned long)addrs[i],
                         (unsigned long)addrs[j]);
        }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < SHADOW_CELLS; k++)
            (*shadow_cell(cells[i], k)) = 0xc0de000000000000ull | ((uint64_t)i << 8) | (uint64_t)k;
    for (int i = 0; i < N; i++) {
        uint64_t *c = shadow_cells(addrs[i] + 7); /* looked up again, other byte */
        assert_ptr_equal(c, cells[i]);
        for (int k = 0; k < SHADOW_CELLS; k++)
            assert_int_equal((*shadow_cell(c, k)),
                             0xc0de000000000000ull | ((uint64_t)i << 8) | (uint64_t)k);
    }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < SHADOW_CELLS; k++)
            (*shadow_cell(cells[i], k)) = 0;
}

static void test_no_shadow_above_47_bits(void **state)
{
    (void)state;
    assert_null(shadow_cells(1ul << 47));
    assert_null(shadow_cells((1ul << 47) + 8));
    assert_null(shadow_cells(0xffff800000000000ul));
    assert_null(shadow_cells(UINTPTR_MAX));
    assert_non_null(shadow_cells((1ul << 47) - 1));
    /* bulk operations above the limit are no-ops, and stop at it */
    shadow_clear(1ul << 47, 1 << 20);
    shadow_stamp(1ul << 47, 4096, cell_make(1, 1) | CELL_FREED | CELL_MASK_BITS);
    uintptr_t top = (1ul << 47) - 32;
    fill(top - 16, 1ul << 47);
    shadow_clear(top, 4096); /* runs past the end of the shadowed space */
    check_zero(top, 1ul << 47);
    check_pattern(top - 16, top);
}

/* ---- shadow_clear -------------------------------------------------------- */

static void test_clear_small(void **state)
{
    (void)state;
    uintptr_t b = 0x100000123458;
    fill(b - 32, b + 128 + 32);
    shadow_clear(b, 128);
    check_pattern(b - 32, b);
    check_zero(b, b + 128);
    check_pattern(b + 128, b + 160);

    /* unaligned: every granule touched by [b+3, b+13) is cleared */
    fill(b - 32, b + 160);
    shadow_clear(b + 3, 10);
    check_pattern(b - 32, b);
    check_zero(b, b + 16);
    check_pattern(b + 16, b + 160);

    /* one byte, the last byte of a granule */
    fill(b - 32, b + 160);
    shadow_clear(b + 15, 1);
    check_pattern(b - 32, b + 8);
    check_zero(b + 8, b + 16);
    check_pattern(b + 16, b + 160);

    /* size 0 clears nothing */
    shadow_clear(b + 64, 0);
    check_pattern(b + 16, b + 160);
}

static void test_clear_large_uses_madvise(void **state)
{
    (void)state;
    /* 4 MiB + 24 of application memory = 4 MiB + 24 of each shadow plane,
     * starting and ending in the middle of shadow pages. */
    uintptr_t s = 0x200000000000 + 40, n = (4ul << 20) + 24;
    fill(s - 64, s + n + 64);
    uintptr_t mid = s + n / 2;
    assert_true(shadow_page_resident(mid));
    shadow_clear(s, n);
    /* the pages were given back (checked before reading them again) */
    assert_false(shadow_page_resident(mid));
    assert_false(shadow_page_resident(s + 4096));
    check_pattern(s - 64, s);
    check_zero(s, s + n);
    check_pattern(s + n, s + n + 64);

    /* exactly at the threshold (2 MiB of a plane = 2 MiB of memory), and
     * page-aligned shadow at both ends */
    uintptr_t a = 0x200001000000, an = 2u << 20;
    assert_int_equal((uintptr_t)shadow_cells(a) & 4095, 0);
    fill(a - 8, a + an + 8);
    shadow_clear(a, an);
    assert_false(shadow_page_resident(a + an / 2));
    check_pattern(a - 8, a);
    check_zero(a, a + an);
    check_pattern(a + an, a + an + 8);
}

/* Resident pages of this process (reading the kernel's zero page into a
 * mapping does not count). */
static long resident_pages(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    assert_non_null(f);
    assert_int_equal(fscanf(f, "%ld %ld", &size, &resident), 2);
    fclose(f);
    return resident;
}

/* Memory used by one thread populates its plane only (plane 0 for slot 4):
 * clearing and stamping freed blocks must not write (populate) the other
 * planes' pages. */
static void test_planes_stay_unpopulated(void **state)
{
    (void)state;
    uintptr_t a = 0x300000000000, n = 1u << 20; /* 1 MiB: the memset path */
    for (uintptr_t g = a; g < a + n; g += GRAN) {
        shadow_note_use(shadow_cells(g), g, 0);
        *shadow_cell(shadow_cells(g), 0) = cell_make(4, 2) | 0xff; /* slot 4: plane 0 */
    }
    long before = resident_pages();
    shadow_clear(a, n);
    shadow_stamp(a, n, cell_make(4, 3) | CELL_FREED | CELL_MASK_BITS);
    /* planes 1..3 of 1 MiB are 768 pages; allow for stdio and the like */
    long grown = resident_pages() - before;
    if (grown > 64)
        fail_msg("clearing populated %ld pages of the unused planes", grown);
    /* only now read them back: some kernels (6.18 here) count a page that
     * was only read, the shared zero page, as resident */
    uint64_t stamp = cell_make(4, 3) | CELL_FREED | CELL_MASK_BITS;
    for (uintptr_t g = a; g < a + n; g += GRAN)
        for (int k = 0; k < SHADOW_CELLS; k++)
            assert_int_equal(*shadow_cell(shadow_cells(g), k),
                             k == shadow_own_cell(stamp) ? stamp : 0);
    /* a cell really stored in plane 2 is still cleared */
    shadow_note_use(shadow_cells(a + 8), a + 8, 2);
    *shadow_cell(shadow_cells(a + 8), 2) = cell_make(2, 2) | 0x0f;
    shadow_clear(a, n);
    check_zero(a, a + n);
}

/* Which groups a scan loads: group 0 always; another group only on the
 * pages of its shadow where a cell was stored in it (shadow_note_use
 * first), each populated before its bit is set. */
static void test_groups_used(void **state)
{
    (void)state;
    uintptr_t a = 0x310000000000, chunk = 1ul << SHADOW_USED_SPAN_SHIFT;
    unsigned all = (1u << SHADOW_GROUPS) - 1;
    assert_int_equal(shadow_groups_used(shadow_cells(a), a, __ATOMIC_RELAXED), 1);
    int last = SHADOW_CELLS - 1; /* a cell of the last group */
    assert_false(cell_page_resident(a + 40, last));
    shadow_note_use(shadow_cells(a + 40), a + 40, last);
    if (SHADOW_GROUPS > 1) { /* written before any scan could read it */
        assert_true(cell_page_resident(a + 40, last));
        assert_false(cell_page_resident(a + chunk, last));
    }
    *shadow_cell(shadow_cells(a + 40), last) = cell_make(3, 2) | 0x01;
    /* every granule of that span, and only of it */
    for (uintptr_t g = a; g < a + chunk; g += chunk / 8)
        assert_int_equal(shadow_groups_used(shadow_cells(g), g, __ATOMIC_RELAXED),
                         1u | (1u << (SHADOW_GROUPS - 1)));
    assert_int_equal(shadow_groups_used(shadow_cells(a + chunk), a + chunk, __ATOMIC_RELAXED), 1);
    assert_int_equal(shadow_groups_used(shadow_cells(a - 8), a - 8, __ATOMIC_RELAXED), 1);
    /* the scans load that cell, and no cell of that group elsewhere */
    assert_int_equal(cell_load(shadow_cells(a + 40), last,
                               shadow_groups_used(shadow_cells(a + 40), a + 40, __ATOMIC_RELAXED)),
                     cell_make(3, 2) | 0x01);
    assert_int_equal(
        cell_load(shadow_cells(a + chunk), last,
                  shadow_groups_used(shadow_cells(a + chunk), a + chunk, __ATOMIC_RELAXED)),
        0);
    /* clearing keeps the bits: they only say where to look */
    shadow_clear(a, chunk);
    assert_int_equal(shadow_groups_used(shadow_cells(a), a, __ATOMIC_RELAXED),
                     SHADOW_GROUPS > 1 ? 1u | (1u << (SHADOW_GROUPS - 1)) : all);
    check_zero(a, a + chunk);
}

static void test_clear_across_regions(void **state)
{
    (void)state;
    /* small range crossing a region boundary */
    uintptr_t k = 5ul << 30;
    fill(k - 512 - 16, k + 512 + 16);
    shadow_clear(k - 512, 1024);
    check_pattern(k - 512 - 16, k - 512);
    check_zero(k - 512, k + 512);
    check_pattern(k + 512, k + 512 + 16);

    /* unaligned start, ending one byte into the next region */
    fill(k - 64, k + 64);
    shadow_clear(k - 13, 14);
    check_pattern(k - 64, k - 16);
    check_zero(k - 16, k + 8);
    check_pattern(k + 8, k + 64);

    /* large on both sides: the madvise path in two regions */
    uintptr_t j = 9ul << 30, lo = j - 2400000 - 24, hi = j + 2400000 + 8;
    fill(lo - 40, hi + 40);
    shadow_clear(lo, hi - lo);
    assert_false(shadow_page_resident(j - 1200000));
    assert_false(shadow_page_resident(j + 1200000));
    check_pattern(lo - 40, lo);
    check_zero(lo, hi);
    check_pattern(hi, hi + 40);

    /* three regions: the whole middle one */
    uintptr_t m = 12ul << 30;
    fill(m - 32, m + 32);
    fill(m + REGION - 32, m + REGION + 32);
    fill(m + REGION / 2, m + REGION / 2 + 64);
    shadow_clear(m - 16, REGION + 32);
    check_pattern(m - 32, m - 16);
    check_zero(m - 16, m + 32);
    check_zero(m + REGION / 2, m + REGION / 2 + 64);
    check_zero(m + REGION - 32, m + REGION + 16);
    check_pattern(m + REGION + 16, m + REGION + 32);
}

/* ---- shadow_stamp: a freed block --------------------------------------------------- */

static void check_freed(uintptr_t lo, uintptr_t hi, uint64_t who)
{
    int own = shadow_own_cell(who); /* the freeing thread's plane */
    for (uintptr_t g = lo & ~7ul; g < hi; g += GRAN) {
        uint64_t *c = shadow_cells(g);
        uint64_t f = *shadow_cell(c, own);
        assert_int_equal(f, who | CELL_FREED | CELL_MASK_BITS);
        assert_true(cell_is_freed(f));
        assert_false(cell_is_read(f));
        assert_int_equal(cell_mask(f), 0xff);
        assert_int_equal(cell_slot(f), cell_slot(who));
        assert_int_equal(cell_epoch(f), cell_epoch(who));
        for (int k = 0; k < SHADOW_CELLS; k++)
            if (k != own)
                assert_int_equal((*shadow_cell(c, k)), 0);
    }
}

static void test_mark_freed(void **state)
{
    (void)state;
    uintptr_t b = 0x300000000000;
    uint64_t who = cell_make(7, 123);
    fill(b - 32, b + 64);
    shadow_stamp(b + 5, 20,
                 who | CELL_FREED | CELL_MASK_BITS); /* bytes b+5 .. b+24: four granules */
    check_pattern(b - 32, b);
    check_freed(b, b + 32, who);
    check_pattern(b + 32, b + 64);

    /* across a region boundary, with the largest slot and epoch */
    uintptr_t k = 3ul << 30;
    who = cell_make(65535, CELL_EPOCH_MAX);
    fill(k - 48, k + 48);
    shadow_stamp(k - 24, 40, who | CELL_FREED | CELL_MASK_BITS);
    check_pattern(k - 48, k - 24);
    check_freed(k - 24, k + 16, who);
    check_pattern(k + 16, k + 48);

    /* size 0 marks nothing */
    fill(b, b + 8);
    shadow_stamp(b, 0, who | CELL_FREED | CELL_MASK_BITS);
    check_pattern(b, b + 8);
}

/* ---- per-access check (access.h) ------------------------------------------ */

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

/* What thread_tick does, without the registry. */
static void fake_tick(struct fake *f)
{
    uint64_t e = vclock_get(&f->t.clock, f->t.slot) + 1;
    vclock_set(&f->t.clock, f->t.slot, e);
    f->t.fast = cell_make(f->t.slot, e);
    trace_put1(&f->t, EV_OTHER | (EVO_EPOCH << 2) | (e << 8));
}

/* A later owner of `slot` (thread.c, slot_take), starting at epoch
 * `start` and ordered after the slot's earlier owners up to pred_known. */
static void fake_successor(struct fake *f, uint32_t slot, uint64_t start, uint64_t pred_known)
{
    fake_init(f, slot, start);
    f->t.start_epoch = start;
    f->t.pred_known = pred_known;
}

/* acquire: `to` learns everything `from` did up to now. */
static void fake_sync(struct fake *to, const struct fake *from)
{
    vclock_join(&to->t.clock, &from->t.clock);
}

static struct fake A, B, C;
static const uintptr_t G = 0x400000001000; /* granule under test */

static int setup_access(void **state)
{
    (void)state;
    fake_init(&A, 1, 5);
    fake_init(&B, 2, 7);
    fake_init(&C, 3, 1);
    shadow_clear(G - 64, 256);
    nraces = 0;
    return 0;
}

static int teardown_access(void **state)
{
    (void)state;
    fake_destroy(&A);
    fake_destroy(&B);
    fake_destroy(&C);
    return 0;
}

static void wr(struct fake *f, uintptr_t a, unsigned size)
{
    access_sized(&f->t, a, size, 0, 0x1000 + a - G);
}

static void rd(struct fake *f, uintptr_t a, unsigned size)
{
    access_sized(&f->t, a, size, CELL_READ, 0x2000 + a - G);
}

static void test_disjoint_bytes_do_not_race(void **state)
{
    (void)state;
    wr(&A, G, 4);
    wr(&B, G + 4, 4);
    assert_int_equal(nraces, 0);
    rd(&A, G + 2, 2); /* A's own bytes */
    assert_int_equal(nraces, 0);

    /* interleaved byte groups of two threads in another granule */
    wr(&B, G + 8, 1);     /* byte 0 */
    wr(&A, G + 8 + 7, 1); /* byte 7 */
    wr(&B, G + 8 + 1, 2); /* bytes 1-2 */
    wr(&A, G + 8 + 5, 2); /* bytes 5-6 */
    assert_int_equal(nraces, 0);
    /* each thread's same-epoch writes were merged into one cell */
    uint64_t *c = shadow_cells(G + 8);
    int n[8] = {0};
    for (int k = 0; k < SHADOW_CELLS; k++) {
        if (!(*shadow_cell(c, k)))
            continue;
        n[cell_slot((*shadow_cell(c, k)))]++;
        if (cell_slot((*shadow_cell(c, k))) == 1)
            assert_int_equal((*shadow_cell(c, k)), cell_make(1, 5) | 0xe0);
        else
            assert_int_equal((*shadow_cell(c, k)), cell_make(2, 7) | 0x07);
    }
    assert_int_equal(n[1], 1);
    assert_int_equal(n[2], 1);

    /* bytes 3-4 by three more threads (reads): five accessors, four cells */
    struct fake D, E;
    fake_init(&D, 4, 1);
    fake_init(&E, 5, 1);
    rd(&C, G + 8 + 3, 2);
    rd(&D, G + 8 + 3, 1);
    assert_int_equal(nraces, 0);
    for (int k = 0; k < SHADOW_CELLS; k++)
        assert_int_not_equal((*shadow_cell(c, k)), 0);
    rd(&E, G + 8 + 4, 1);
    assert_int_equal(nraces, 0);
    /* one cell was evicted for E's; the others are unchanged, never widened */
    memset(n, 0, sizeof n);
    for (int k = 0; k < SHADOW_CELLS; k++) {
        uint32_t sl = cell_slot((*shadow_cell(c, k)));
        n[sl]++;
        uint64_t want[] = {0,
                           cell_make(1, 5) | 0xe0,
                           cell_make(2, 7) | 0x07,
                           cell_make(3, 1) | CELL_READ | 0x18,
                           cell_make(4, 1) | CELL_READ | 0x08,
                           cell_make(5, 1) | CELL_READ | 0x10};
        assert_in_range(sl, 1, 5);
        assert_int_equal((*shadow_cell(c, k)), want[sl]);
    }
    assert_int_equal(n[5], 1);
    assert_int_equal(n[1] + n[2] + n[3] + n[4], 3);
    fake_destroy(&D);
    fake_destroy(&E);
}

static void test_overlapping_bytes_race(void **state)
{
    (void)state;
    wr(&A, G, 4);
    wr(&B, G + 4, 4);
    assert_int_equal(nraces, 0);
    wr(&B, G + 3, 1); /* A's last byte */
    assert_int_equal(nraces, 1);
    assert_ptr_equal(races[0].t, &B.t);
    assert_int_equal(races[0].addr, G + 3);
    assert_int_equal(races[0].size, 1);
    assert_int_equal(races[0].granule, G);
    assert_int_equal(races[0].pc, 0x1003);
    assert_int_equal(races[0].cur, cell_make(2, 7) | 0x08);
    assert_int_equal(races[0].old, cell_make(1, 5) | 0x0f);

    /* B's two writes at one epoch now share a cell (bytes 3-7) */
    uint64_t *c = shadow_cells(G);
    int found = 0;
    for (int k = 0; k < SHADOW_CELLS; k++)
        found += (*shadow_cell(c, k)) == (cell_make(2, 7) | 0xf8);
    assert_int_equal(found, 1);

    /* an unaligned 2-byte write (bytes 3-4) overlapping A's cell and B's */
    nraces = 0;
    wr(&C, G + 3, 2);
    assert_int_equal(nraces, 2);
    int by_slot[4] = {0};
    for (int i = 0; i < 2; i++) {
        by_slot[cell_slot(races[i].old)]++;
        assert_int_equal(races[i].cur, cell_make(3, 1) | 0x18);
        assert_int_equal(races[i].old, cell_slot(races[i].old) == 1 ? cell_make(1, 5) | 0x0f
                                                                    : cell_make(2, 7) | 0xf8);
    }
    assert_int_equal(by_slot[1], 1);
    assert_int_equal(by_slot[2], 1);

    /* a read of byte 2 by B races only with A's write */
    nraces = 0;
    rd(&B, G + 2, 1);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(1, 5) | 0x0f);
}

static void test_reads_and_writes(void **state)
{
    (void)state;
    rd(&A, G, 8);
    rd(&B, G + 4, 4);
    rd(&C, G, 1);
    assert_int_equal(nraces, 0); /* reads never race with reads */
    wr(&C, G + 6, 2);            /* races with A's and B's reads */
    assert_int_equal(nraces, 2);
    for (int i = 0; i < 2; i++) {
        assert_true(cell_is_read(races[i].old));
        assert_false(cell_is_read(races[i].cur));
    }

    /* write then read */
    nraces = 0;
    shadow_clear(G, 8);
    wr(&A, G, 2);
    rd(&B, G + 2, 2);
    assert_int_equal(nraces, 0);
    rd(&B, G + 1, 1);
    assert_int_equal(nraces, 1);
    assert_true(cell_is_read(races[0].cur));
    assert_false(cell_is_read(races[0].old));
}

static void test_atomics(void **state)
{
    (void)state;
    access_sized(&A.t, G, 8, CELL_ATOMIC, 1);
    access_sized(&B.t, G, 8, CELL_ATOMIC, 2);
    access_sized(&C.t, G, 4, CELL_ATOMIC | CELL_READ, 3);
    assert_int_equal(nraces, 0); /* atomics never race with atomics */
    rd(&C, G + 4, 4);            /* a plain read races with the atomic writes */
    assert_int_equal(nraces, 2);
    assert_true(cell_is_atomic(races[0].old));
    assert_false(cell_is_atomic(races[0].cur));
}

static void test_happens_before_hides_race(void **state)
{
    (void)state;
    wr(&A, G, 4);
    fake_sync(&B, &A); /* B acquires what A released at epoch 5 */
    fake_tick(&A);     /* A's release advances its epoch to 6 */
    wr(&B, G, 8);
    assert_int_equal(nraces, 0);

    /* A (now at epoch 6) never acquired anything from B: its next write
     * races with B's. */
    wr(&A, G + 1, 1);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(2, 7) | 0xff);

    /* B knows A only up to epoch 5: A's byte written at 6 races, the bytes A
     * wrote only at 5 do not. */
    nraces = 0;
    shadow_clear(G, 8);
    fake_tick(&A);
    uint64_t e = vclock_get(&A.t.clock, 1);
    wr(&A, G, 4);
    fake_sync(&B, &A);
    fake_tick(&A);
    wr(&A, G, 1);     /* epoch e+1, does not subsume the 4-byte write */
    wr(&B, G + 2, 2); /* only in A's epoch-e cell: ordered */
    assert_int_equal(nraces, 0);
    wr(&B, G, 1);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(1, e + 1) | 0x01);
}

/*
 * A cell at an orphaned epoch (orphan.h: a finished detached thread's
 * accesses after its last release) conflicts even with a thread whose clock
 * entry for the slot is above it, as a later owner of the slot gives; the
 * same clock without the orphan record looks ordered.
 */
static void test_orphaned_epoch_conflicts(void **state)
{
    (void)state;
    /* slot 9: no other test's thread, so its orphans disturb none of them */
    struct fake D;
    fake_init(&D, 9, 5);
    fake_tick(&D); /* D released at 5 and now writes at 6, then finishes */
    uint64_t e = vclock_get(&D.t.clock, 9);
    wr(&D, G, 8);
    /* B synchronized with a later owner of slot 9 (epoch e + 100) */
    vclock_set(&B.t.clock, 9, e + 100);
    rd(&B, G, 8);
    assert_int_equal(nraces, 0);
    orphan_add(9, e - 1); /* an older orphan of the slot: not this one */
    orphan_add(9, e);
    orphan_add(9, e + 50); /* a newer one: the lookup goes past the newest */
    fake_tick(&B);
    rd(&B, G, 4);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(9, e) | 0xff);
    assert_true(orphan_has(9, e) && orphan_has(9, e + 50) && !orphan_has(9, e + 1) &&
                !orphan_has(2, e));
    fake_destroy(&D);
}

/*
 * The slow path's first look (access.c, granule_look) replaces a cell of
 * ours that the access covers with a plain store, and checks the other
 * cells only as far as it can without a call. What it cannot settle goes
 * to the full scan, which reports it: a cell that the slot's earlier owner
 * left and this thread is not ordered after (same slot, epoch below its
 * start), and another thread's cell at an orphaned epoch that the clock
 * says is ordered.
 */
static void test_first_look_leaves_doubts_to_scan(void **state)
{
    (void)state;
    /* slot 10: E's predecessor wrote at epoch 6; E starts at 8, knowing
     * nothing of it. E's own write covers that cell, and races with it. */
    struct fake P, E;
    fake_init(&P, 10, 6);
    wr(&P, G, 8);
    fake_successor(&E, 10, 8, 0);
    wr(&E, G, 8);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(10, 6) | 0xff);
    /* ordered after the predecessor: the same write is no race */
    nraces = 0;
    shadow_clear(G, 8);
    wr(&P, G, 8);
    E.t.pred_known = 6;
    fake_tick(&E);
    wr(&E, G, 8);
    assert_int_equal(nraces, 0);
    fake_destroy(&P);
    fake_destroy(&E);

    /* slot 11: D writes at epoch 6 and finishes; B's clock passes 6 through
     * a later owner. B's read of 8 bytes covers its own older read, the
     * case the first look settles, but D's cell is an orphan's. */
    struct fake D;
    fake_init(&D, 11, 6);
    uintptr_t h = G + 32;
    wr(&D, h, 8);
    vclock_set(&B.t.clock, 11, 100);
    rd(&B, h, 8);
    assert_int_equal(nraces, 0);
    orphan_add(11, 6);
    fake_tick(&B);
    rd(&B, h, 8);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(11, 6) | 0xff);
    fake_destroy(&D);
}

/*
 * A detached thread's cell at its orphaned epoch conflicts with a later
 * owner of its slot too, even when the new owner's creator synchronized
 * with an owner in between (pred_known above the orphan's epoch, the slot
 * taken by the thread that races): thr_orphan_sem_race missed its race
 * whenever its last worker got the first worker's slot. One case for the
 * first look (a write of the whole granule, which covers the orphan's cell
 * and would replace it with a plain store) and one for the full scan (a
 * read of fewer bytes).
 */
static void test_orphan_on_own_slot_conflicts(void **state)
{
    (void)state;
    struct fake P, E;
    fake_init(&P, 13, 6);
    wr(&P, G, 8);
    wr(&P, G + 8, 8);
    orphan_add(13, 6);              /* P finished at 6, detached: nobody is after it */
    fake_successor(&E, 13, 20, 15); /* its creator synchronized with a later owner */
    wr(&E, G, 8);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].old, cell_make(13, 6) | 0xff);
    rd(&E, G + 12, 4);
    assert_int_equal(nraces, 2);
    assert_int_equal(races[1].old, cell_make(13, 6) | 0xff);
    /* a predecessor's epoch that is not an orphan's stays ordered */
    nraces = 0;
    fake_tick(&P); /* P's epoch 7 and later: not orphaned */
    wr(&P, G + 24, 8);
    rd(&E, G + 24, 8);
    assert_int_equal(nraces, 0);
    fake_destroy(&P);
    fake_destroy(&E);
}

static void test_own_accesses(void **state)
{
    (void)state;
    uint64_t pos = A.tr.pos;
    wr(&A, G, 4);
    assert_true(A.tr.pos > pos);
    /* same thread, same epoch, covered bytes: the fast path records nothing */
    pos = A.tr.pos;
    wr(&A, G, 4);
    wr(&A, G + 1, 2);
    rd(&A, G, 4);
    assert_int_equal(A.tr.pos, pos);
    /* same epoch and kind: merged into one cell; another kind: its own */
    uintptr_t h = G + 16;
    wr(&A, h, 1);
    wr(&A, h + 1, 1);
    rd(&A, h + 4, 2);
    uint64_t *hc = shadow_cells(h);
    int nw = 0, nr = 0;
    for (int k = 0; k < SHADOW_CELLS; k++) {
        nw += (*shadow_cell(hc, k)) == (cell_make(1, 5) | 0x03);
        nr += (*shadow_cell(hc, k)) == (cell_make(1, 5) | CELL_READ | 0x30);
    }
    assert_int_equal(nw, 1);
    assert_int_equal(nr, 1);
    assert_int_equal(!!(*shadow_cell(hc, 0)) + !!(*shadow_cell(hc, 1)) + !!(*shadow_cell(hc, 2)) +
                         !!(*shadow_cell(hc, 3)),
                     2);

    /* bytes not covered yet, or a stronger kind: recorded */
    rd(&A, G + 8, 4);
    assert_true(A.tr.pos > pos);
    pos = A.tr.pos;
    wr(&A, G + 8, 4);
    assert_true(A.tr.pos > pos);
    assert_int_equal(nraces, 0);

    /* a later epoch's access replaces the one it subsumes: one cell of A */
    fake_tick(&A);
    wr(&A, G, 8);
    int mine = 0;
    uint64_t *c = shadow_cells(G);
    for (int k = 0; k < SHADOW_CELLS; k++)
        if ((*shadow_cell(c, k)) && cell_slot((*shadow_cell(c, k))) == 1) {
            mine++;
            assert_int_equal((*shadow_cell(c, k)), cell_make(1, 6) | 0xff);
        }
    assert_int_equal(mine, 1);

    /* ignored threads are not checked and record nothing */
    B.t.ignore = 1;
    pos = B.tr.pos;
    wr(&B, G, 8);
    assert_int_equal(nraces, 0);
    assert_int_equal(B.tr.pos, pos);
    B.t.ignore = 0;
    wr(&B, G, 8);
    assert_int_equal(nraces, 1);
}

static void test_ranges_and_unaligned(void **state)
{
    (void)state;
    /* A writes [G+4, G+20): the end of one granule, a whole one, the start of a third */
    access_range(&A.t, G + 4, 16, 0, 0x77);
    wr(&B, G, 4);
    wr(&B, G + 20, 4);
    assert_int_equal(nraces, 0);
    wr(&B, G + 19, 1);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].granule, G + 16);
    assert_int_equal(races[0].old, cell_make(1, 5) | 0x0f);
    rd(&C, G + 8, 8);
    assert_int_equal(nraces, 2);
    assert_int_equal(races[1].old, cell_make(1, 5) | 0xff);

    /* an unaligned 4-byte write across two granules goes through the range path */
    nraces = 0;
    wr(&C, G + 30, 4);
    wr(&B, G + 29, 1);
    wr(&B, G + 34, 2);
    assert_int_equal(nraces, 0);
    wr(&B, G + 33, 1);
    assert_int_equal(nraces, 1);
    assert_int_equal(races[0].granule, G + 32);
    assert_int_equal(races[0].old, cell_make(3, 1) | 0x03);
    wr(&B, G + 31, 1);
    assert_int_equal(nraces, 2);
    assert_int_equal(races[1].granule, G + 24);
    assert_int_equal(races[1].old, cell_make(3, 1) | 0xc0);
}

/* A thread whose own cell others took first (a late reader) finds its
 * cell elsewhere; the fast path then probes there first, and still finds
 * covers in its own cell, or anywhere else, on other granules. */
static void test_probe_follows_cells(void **state)
{
    (void)state;
    uintptr_t base = G + 0x2000, own0 = B.t.probe_off;
    int own = shadow_own_cell(B.t.fast);
    shadow_clear(base, 0x2000);
    /* 8 granules: C (slot 3) and A (slot 1) take the cells of group 0 first */
    for (int i = 0; i < 8; i++) {
        wr(&C, base + 8 * i, 8);
        rd(&A, base + 8 * i, 8);
    }
    fake_sync(&B, &C); /* not with A: A's reads must stay (unordered with B's) */
    for (int i = 0; i < 8; i++)
        rd(&B, base + 8 * i, 8);
    uint64_t *c0 = shadow_cells(base);
    int at = -1;
    for (int k = 0; k < SHADOW_CELLS; k++)
        if (cell_slot(*shadow_cell(c0, k)) == 2)
            at = k;
    assert_true(at >= 0 && at != own);
    /* covered, found at `at`: recorded nothing, and `at` is probed first now */
    uint64_t pos = B.tr.pos;
    rd(&B, base, 8);
    assert_int_equal(B.tr.pos, pos);
    assert_int_equal(B.t.probe_off, shadow_cell_offset(at) * 8);
    for (int i = 1; i < 8; i++)
        rd(&B, base + 8 * i, 4);
    assert_int_equal(B.tr.pos, pos);
    /* a granule where B's cell is its own one: still covered */
    uintptr_t h = G + 0x3000;
    rd(&B, h, 8);
    pos = B.tr.pos;
    rd(&B, h, 8);
    assert_int_equal(B.tr.pos, pos);
    assert_int_equal(B.t.probe_off, own0);
    /* another thread's cell in the probed place never covers B's access */
    nraces = 0;
    fake_tick(&A);
    wr(&A, base + 0x100, 8);
    B.t.probe_off = shadow_cell_offset(shadow_own_cell(A.t.fast)) * 8;
    pos = B.tr.pos;
    wr(&B, base + 0x100, 8);
    assert_true(B.tr.pos > pos);
    assert_int_equal(nraces, 1);
    B.t.probe_off = own0;
}

void __tsan_unaligned_read16(void *addr);
void __tsan_unaligned_write16(void *addr);

/* A 16-byte vector access at every alignment, through the entry point:
 * when B's own cells cover two of its three parts, the third is still
 * checked (a race there is found), and a fully covered one adds nothing. */
static void test_vector_16(void **state)
{
    (void)state;
    for (unsigned off = 0; off < 8; off++) {
        for (int part = 0; part < 3; part++) {
            uintptr_t g = G + 0x100 + off * 0x100 + (uintptr_t)part * 0x40;
            /* B reads the 24 bytes once (its cells), A writes one byte of `part` */
            rd(&B, g, 8);
            rd(&B, g + 8, 8);
            rd(&B, g + 16, 8);
            uintptr_t hit = part == 0 ? g + 7 : part == 1 ? g + 12 : g + 16;
            if (part == 2 && off == 0)
                hit = g + 15; /* aligned: two granules only */
            nraces = 0;
            wr(&A, hit, 1);
            assert_int_equal(nraces, 1); /* A's write races with B's read */
            /* B's vector write over the same bytes: races with A's write */
            nraces = 0;
            crace_cur = &B.t;
            __tsan_unaligned_write16((void *)(g + off));
            crace_cur = 0;
            assert_int_equal(nraces, 1);
            assert_int_equal(races[0].granule, hit & ~7ul);
            /* now covered by B's own write cells: a second one adds no event */
            uint64_t before = B.tr.pos;
            crace_cur = &B.t;
            __tsan_unaligned_read16((void *)(g + off));
            crace_cur = 0;
            assert_int_equal(B.tr.pos, before);
        }
    }
    /* the first two parts covered by B's own writes, the head not: it is
     * checked all the same */
    for (unsigned off = 1; off < 8; off++) {
        uintptr_t g = G + 0x1000 + off * 0x100;
        wr(&B, g, 8);
        wr(&B, g + 8, 8);
        nraces = 0;
        wr(&A, g + 16, 1);
        assert_int_equal(nraces, 0);
        crace_cur = &B.t;
        __tsan_unaligned_write16((void *)(g + off));
        crace_cur = 0;
        assert_int_equal(nraces, 1);
        assert_int_equal(races[0].granule, g + 16);
    }
}

/* Cells that the access path stored in every cell of a granule, the
 * groups after the first included, are found by shadow_clear and
 * shadow_stamp (each group's use bits). */
static void test_clear_finds_upper_planes(void **state)
{
    (void)state;
    const uintptr_t H = G + 0x20000; /* another 64 KiB chunk of the use bitmap */
    rd(&A, H, 8);
    rd(&B, H, 8);
    rd(&C, H, 8); /* three readers: three cells (two groups with the default layout) */
    assert_int_equal(nraces, 0);
    int used = 0;
    for (int k = 0; k < SHADOW_CELLS; k++)
        used += *shadow_cell(shadow_cells(H), k) != 0;
    assert_int_equal(used, 3);
    shadow_clear(H, 8);
    check_zero(H, H + 8);

    rd(&A, H + 64, 8);
    rd(&B, H + 64, 8);
    shadow_stamp(H + 64, 8, C.t.fast | CELL_MASK_BITS);
    int own = shadow_own_cell(C.t.fast);
    for (int k = 0; k < SHADOW_CELLS; k++)
        assert_int_equal(*shadow_cell(shadow_cells(H + 64), k),
                         k == own ? (C.t.fast | CELL_MASK_BITS) : 0);
}

/*
 * The first store into a 64 KiB chunk populates the chunk's group-0 shadow
 * at once (shadow.h): the page of its last granule is resident though
 * nothing read or wrote it; the next chunk's is not.
 */
static void test_first_store_populates_chunk(void **state)
{
    (void)state;
    const uintptr_t chunk = 0x400003000000, size = 1ul << SHADOW_USE_SHIFT;
    assert_false(shadow_page_resident(chunk + size - 8));
    errno = ERANGE; /* a program's errno survives the madvise (kernels before
                       5.14 fail it) */
    wr(&A, chunk, 8);
    assert_int_equal(errno, ERANGE);
    assert_true(shadow_page_resident(chunk + size - 8));
    assert_false(shadow_page_resident(chunk + size + size / 2));
    assert_int_equal(nraces, 0);
}

/* The cells of G's granule held by `slot`. */
static int cells_of_slot(uint32_t slot)
{
    int n = 0;
    for (int k = 0; k < SHADOW_CELLS; k++) {
        uint64_t c = *shadow_cell(shadow_cells(G), k);
        n += c != 0 && cell_slot(c) == slot;
    }
    return n;
}

/*
 * A read ordered after another thread's read of the same bytes takes that
 * thread's cell (access.h, step 2): data read in turn by threads that
 * synchronize (a lock per bucket) keeps two cells, the writer's and the
 * last reader's, instead of spreading into group 1. Nothing is lost: a
 * write unordered with the first read is unordered with the second too.
 */
static void test_ordered_read_supersedes(void **state)
{
    (void)state;
    uint64_t *cells = shadow_cells(G);
    wr(&A, G, 8);
    fake_sync(&B, &A);
    fake_tick(&A);
    rd(&B, G, 8); /* A's write stays: a read cannot stand for a write */
    assert_int_equal(cells_of_slot(1), 1);
    fake_sync(&C, &B); /* C knows B's read (and A's write through B) */
    fake_tick(&B);
    rd(&C, G, 8);
    assert_int_equal(nraces, 0);
    assert_int_equal(cells_of_slot(2), 0);
    assert_int_equal(cells_of_slot(3), 1);
    assert_int_equal(cells_of_slot(1), 1);
    for (int k = SHADOW_GROUP_CELLS; k < SHADOW_CELLS; k++)
        assert_int_equal(*shadow_cell(cells, k), 0); /* group 1 untouched */
    /* A writes again, knowing nothing of B and C: races with the read that
     * stands for both */
    wr(&A, G + 2, 2);
    assert_int_equal(nraces, 1);
    assert_int_equal(cell_slot(races[0].old), 3);
    assert_true(cell_is_read(races[0].old));
}

/* Group 0 of G's granule full: A's write, then B's read ordered after it. */
static void fill_group0(void)
{
    wr(&A, G, 8);
    fake_sync(&B, &A);
    fake_tick(&A);
    rd(&B, G, 8);
    fake_tick(&B);
}

/* Cells of G's granule in groups after the first. */
static int cells_beyond_group0(void)
{
    int n = 0;
    for (int k = SHADOW_GROUP_CELLS; k < SHADOW_CELLS; k++)
        n += *shadow_cell(shadow_cells(G), k) != 0;
    return n;
}

/*
 * What is not superseded: an access we are not ordered after, one of
 * bytes cur does not all touch, a stronger kind, a freed cell. And an
 * empty cell of group 0 goes before any superseded one.
 */
static void test_unordered_or_partial_kept(void **state)
{
    (void)state;
    fill_group0();
    fake_sync(&C, &A);
    rd(&C, G, 8); /* C knows A's write, nothing of B's read: both reads kept */
    assert_int_equal(cells_of_slot(2), 1);
    assert_int_equal(cells_of_slot(3), 1);
    assert_int_equal(cells_beyond_group0(), 1);

    shadow_clear(G, 8);
    fill_group0();
    fake_sync(&C, &B);
    rd(&C, G, 4); /* ordered, but B read bytes C does not */
    assert_int_equal(cells_of_slot(2), 1);
    assert_int_equal(cells_of_slot(3), 1);

    shadow_clear(G, 8);
    wr(&A, G, 8);
    fake_tick(&C);
    fake_sync(&C, &A);
    wr(&C, G, 8); /* ordered after A's write, but group 0 has an empty cell */
    assert_int_equal(cells_of_slot(1), 1);
    assert_int_equal(cells_of_slot(3), 1);

    shadow_stamp(G, 8, A.t.fast | CELL_FREED | CELL_MASK_BITS); /* A frees */
    fake_tick(&C);
    fake_sync(&C, &A);
    wr(&C, G, 4); /* after the free: no race, and group 0 is full */
    fake_sync(&B, &C);
    wr(&B, G, 8); /* takes C's cell; the freed one stays: it names the free */
    assert_int_equal(nraces, 0);
    assert_int_equal(cells_of_slot(3), 0);
    assert_int_equal(cells_of_slot(1), 1);
    assert_int_equal(cells_beyond_group0(), 0);
}

static void test_freed_memory(void **state)
{
    (void)state;
    wr(&B, G, 8);
    shadow_stamp(G, 16, A.t.fast | CELL_FREED | CELL_MASK_BITS); /* A frees the block */
    assert_int_equal(nraces, 0);
    /* B's old access is gone; B touching freed memory conflicts with the free */
    rd(&B, G + 8, 1);
    assert_int_equal(nraces, 1);
    assert_true(cell_is_freed(races[0].old));
    assert_int_equal(cell_slot(races[0].old), 1);
    /* a thread that acquired after the free does not */
    nraces = 0;
    fake_sync(&C, &A);
    wr(&C, G, 4);
    assert_int_equal(nraces, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_granule_same_cells),
        cmocka_unit_test(test_no_aliasing),
        cmocka_unit_test(test_no_shadow_above_47_bits),
        cmocka_unit_test(test_clear_small),
        cmocka_unit_test(test_clear_large_uses_madvise),
        cmocka_unit_test(test_clear_across_regions),
        cmocka_unit_test(test_planes_stay_unpopulated),
        cmocka_unit_test(test_groups_used),
        cmocka_unit_test(test_mark_freed),
        cmocka_unit_test_setup_teardown(test_disjoint_bytes_do_not_race, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_overlapping_bytes_race, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_reads_and_writes, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_atomics, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_happens_before_hides_race, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_orphaned_epoch_conflicts, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_own_accesses, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_ranges_and_unaligned, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_vector_16, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_probe_follows_cells, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_clear_finds_upper_planes, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_first_store_populates_chunk, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_ordered_read_supersedes, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_unordered_or_partial_kept, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_freed_memory, setup_access, teardown_access),
        cmocka_unit_test_setup_teardown(test_first_look_leaves_doubts_to_scan, setup_access,
                                        teardown_access),
        cmocka_unit_test_setup_teardown(test_orphan_on_own_slot_conflicts, setup_access,
                                        teardown_access),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
