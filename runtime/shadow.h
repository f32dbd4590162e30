/*
 * shadow.h - where the shadow cells of an application address live.
 *
 * Every aligned 8-byte granule of application memory has SHADOW_CELLS
 * cells of 8 bytes (cell.h). They sit in SHADOW_GROUPS groups of
 * SHADOW_GROUP_CELLS cells: the cells of one group are side by side (one
 * cache line holds a whole group), and group g of all granules of a
 * region forms an array of its own, SHADOW_GROUP_WORDS words after group
 * g - 1. With the default two groups of two:
 *
 *   group 0: [g0.c0 g0.c1][g1.c0 g1.c1]...   one line per 4 granules
 *   group 1: [g0.c2 g0.c3][g1.c2 g1.c3]...   touched only by granules that
 *                                            need a third cell
 *
 * A thread's accesses go to "its" cell of group 0 (slot mod
 * SHADOW_GROUP_CELLS) whenever that cell is free, else to the first free
 * cell in index order, so group 0 fills before group 1. What that buys:
 * private data and data handed over or shared between two threads (or
 * between a writer and one reader) cost one line of shadow per access,
 * first touch in an epoch included, where four planes of one cell each
 * cost up to four lines: the other cell and the thread's own cell are in
 * the line the thread already loaded, and group 1 is not loaded at all
 * where it never held a cell (its use bit, below: shadow_groups_used).
 * Granules with three or more (thread, kind) cells (a writer and two
 * readers, or a thread that reads what it wrote before a release while
 * another reads it too) cost two lines. The price is memory: private data
 * populates a group-0 line per 32 bytes (2 bytes of shadow per byte, as
 * ThreadSanitizer's 16 bytes per granule), where one plane per thread was
 * 1 byte per byte. The group size is a compile-time parameter
 * (CRACE_SHADOW_GROUP_CELLS = 1, 2 or 4 cells per group). Measured on the
 * benchmark (clang, CPU time relative to TSan, scale 0.3): four cells in
 * one line win where three or more threads touch a granule (lz_decompress
 * 1.68 vs 2.05, mailbox_free 1.25 vs 2.1) but double the shadow of all
 * data (peak RSS jacobi 326 MiB vs 262, TSan 211; mailbox_free 117 vs 77,
 * TSan 98); one plane per cell is the slowest (jacobi 2.5, stencil 2.1).
 * Two groups of two keep ThreadSanitizer's memory and most of the speed.
 * After the groups, each region keeps one bitmap per group, a bit set
 * before a cell is stored in that group there: per 64 KiB of memory for
 * group 0, per page of the group's own shadow (2 KiB of memory) for the
 * others. Scans skip the groups a granule never used and clearing skips
 * them for a range. Last comes the heap meta map (shadow_meta).
 *
 * The first store into a chunk's group 0 (its use bit still clear)
 * populates that chunk's group 0, 128 KiB of shadow, with one
 * MADV_POPULATE_WRITE (shadow_populate_chunk). Why: the fast path reads a
 * cell before anything stores there, and on a page never written that read
 * maps the kernel's shared zero page; the store that follows must replace
 * it, which costs a second fault and a TLB shootdown, an interrupt to every
 * other CPU running a thread of the process (each a VM exit under a
 * hypervisor). Populating at the chunk's first store write-faults its
 * other pages before anything reads them. Measured (clang, scale 0.2,
 * system time): shared_read 0.17 -> 0.02 s, jacobi 0.75 -> 0.11 s,
 * tokenize 0.84 -> 0.46 s, lz_decompress 0.71 -> 0.29 s, peak RSS +0.5 MiB.
 * Group 1 stays sparse: populating its chunk too cost lz_decompress 7%
 * and tokenize 5% more peak RSS. Its first store into a page write-faults
 * only that page, before the page's use bit lets any scan read it
 * (shadow_note_use): hashtable 2.96 -> 2.21 s, where the 64 KiB bits made
 * scans read the zero page all over a chunk.
 *
 * Layout: a two-level table. The 47-bit user address space is cut into
 * 1 GiB regions; l1[addr >> 30] points to the region's shadow, a 4 GiB
 * MAP_NORESERVE mapping created on the first access to the region (pages
 * are only populated when touched). Why not TSan's direct mapping
 * (shadow = f(addr) with fixed application ranges)? Because the kernel
 * places PIE images, mmap areas, thread stacks and TLS anywhere once
 * vm.mmap_rnd_bits is raised towards 32, and a fixed map must then either
 * refuse such layouts or alias two addresses onto one cell. The table maps
 * every user address to its own cells, whatever the layout. Its price is one
 * extra dependent load per access (the l1 entry: a program touches a few
 * regions, so those entries stay in L1 cache) and a bounds check. In the
 * local_mem benchmark profile (perf, clang -O2) the hot spot of the access
 * path is the load of the first cell itself (shadow memory traffic), not the
 * l1 lookup.
 *
 * Addresses at or above 2^47 (5-level paging hints) have no shadow and are
 * not checked.
 */
#ifndef CRACE_SHADOW_H
#define CRACE_SHADOW_H

#include "cell.h"
#include "rt.h"
#include <stdint.h>

#define SHADOW_CELLS 4
#ifndef CRACE_SHADOW_GROUP_CELLS
#define CRACE_SHADOW_GROUP_CELLS 2
#endif
/* cells side by side in one group, and groups per granule */
#define SHADOW_GROUP_CELLS CRACE_SHADOW_GROUP_CELLS
#define SHADOW_GROUPS (SHADOW_CELLS / SHADOW_GROUP_CELLS)
#define SHADOW_GRANULE 8
#define SHADOW_REGION_SHIFT 30
#define SHADOW_ADDR_BITS 47
#define SHADOW_L1_SIZE (1ul << (SHADOW_ADDR_BITS - SHADOW_REGION_SHIFT))
/* granules of a region, and words from a granule's group g to its group g + 1 */
#define SHADOW_REGION_GRANULES ((1ul << SHADOW_REGION_SHIFT) / SHADOW_GRANULE)
#define SHADOW_GROUP_WORDS (SHADOW_REGION_GRANULES * SHADOW_GROUP_CELLS)
/* shadow bytes per application byte */
#define SHADOW_SCALE (SHADOW_CELLS * 8 / SHADOW_GRANULE)
#define SHADOW_REGION_MASK ((1ul << SHADOW_REGION_SHIFT) - 1)
/* the group use bitmaps: group 0 has one bit per 2^SHADOW_USE_SHIFT bytes
 * of memory, every other group one bit per page of its own shadow
 * (2^SHADOW_PAGE_SHIFT bytes of memory) */
#define SHADOW_USE_SHIFT 16
#define SHADOW_PAGE_SHIFT (12 - (SHADOW_GROUP_CELLS / 2))
#define SHADOW_USE_WORDS ((1ul << (SHADOW_REGION_SHIFT - SHADOW_USE_SHIFT)) / 64)
#define SHADOW_PAGE_WORDS ((1ul << (SHADOW_REGION_SHIFT - SHADOW_PAGE_SHIFT)) / 64)
#define SHADOW_USE_BYTES ((SHADOW_USE_WORDS + (SHADOW_GROUPS - 1) * SHADOW_PAGE_WORDS) * 8)
/* shadow_groups_used gives one answer over each aligned span of memory this size */
#define SHADOW_USED_SPAN_SHIFT (SHADOW_GROUPS > 1 ? SHADOW_PAGE_SHIFT : SHADOW_USE_SHIFT)
/* the heap meta map: a 32-bit record number per 16 bytes (heap.c) */
#define SHADOW_META_SHIFT 4
#define SHADOW_META_BYTES ((1ul << (SHADOW_REGION_SHIFT - SHADOW_META_SHIFT)) * 4)
#define SHADOW_REGION_BYTES                                                                        \
    ((1ul << SHADOW_REGION_SHIFT) * SHADOW_SCALE + SHADOW_USE_BYTES + SHADOW_META_BYTES)

_Static_assert(SHADOW_GROUP_CELLS == 1 || SHADOW_GROUP_CELLS == 2 || SHADOW_GROUP_CELLS == 4,
               "CRACE_SHADOW_GROUP_CELLS must be 1, 2 or 4");
_Static_assert((SHADOW_GRANULE << SHADOW_PAGE_SHIFT) / SHADOW_GRANULE * SHADOW_GROUP_CELLS == 4096,
               "a group's page bit covers one page of that group's shadow");

/*
 * l1 entries go from NULL to a region pointer exactly once (CAS in
 * shadow_region_create) and never change afterwards, so a relaxed load is
 * enough: a stale NULL only sends the caller to the slow path, which
 * re-reads the entry under the CAS.
 */
extern uint64_t *shadow_l1[SHADOW_L1_SIZE];

uint64_t *shadow_region_create(uintptr_t idx);

/* Cell 0 of the granule holding addr (cell k is shadow_cell(cells, k)),
 * or NULL when addr's region has no shadow yet or addr has none at all.
 * The access fast path uses this one: it makes no call it would need to
 * save registers for, and goes to a slow path that creates the region. */
static inline uint64_t *shadow_cells_existing(uintptr_t addr)
{
    uintptr_t idx = addr >> SHADOW_REGION_SHIFT;
    if (unlikely(idx >= SHADOW_L1_SIZE))
        return 0;
    uint64_t *region = __atomic_load_n(&shadow_l1[idx], __ATOMIC_RELAXED);
    if (unlikely(!region))
        return 0;
    return region + (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE * SHADOW_GROUP_CELLS;
}

/* The same, creating the region's shadow on first use: NULL only when addr
 * has no shadow (2^47 and above). */
static inline uint64_t *shadow_cells(uintptr_t addr)
{
    uint64_t *cells = shadow_cells_existing(addr);
    uintptr_t idx = addr >> SHADOW_REGION_SHIFT;
    if (likely(cells != 0) || idx >= SHADOW_L1_SIZE)
        return cells;
    return shadow_region_create(idx) +
           (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE * SHADOW_GROUP_CELLS;
}

/* The start of the region shadow that cells (= shadow_cells(addr)) is in. */
static inline uint64_t *shadow_region_of(uint64_t *cells, uintptr_t addr)
{
    return cells - (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE * SHADOW_GROUP_CELLS;
}

/* Words from a granule's cell 0 to its cell k. */
static inline uintptr_t shadow_cell_offset(int k)
{
    unsigned u = (unsigned)k; /* k >= 0: unsigned division is a shift */
    return (uintptr_t)(u / SHADOW_GROUP_CELLS) * SHADOW_GROUP_WORDS + u % SHADOW_GROUP_CELLS;
}

static inline uint64_t *shadow_cell(const uint64_t *cells, int k)
{
    return (uint64_t *)cells + shadow_cell_offset(k);
}

/* The cell a thread's accesses go to when it is free: a cell of group 0,
 * its slot mod SHADOW_GROUP_CELLS. */
static inline int shadow_own_cell(uint64_t cell)
{
    return (int)(cell >> CELL_SLOT_SHIFT) & (SHADOW_GROUP_CELLS - 1);
}

/* Bytes of memory per use bit of group g: 2^shadow_use_shift(g). */
static inline unsigned shadow_use_shift(int g)
{
    return g == 0 ? SHADOW_USE_SHIFT : SHADOW_PAGE_SHIFT;
}

/* Group g's use bitmap of a region. */
static inline uint64_t *shadow_use_bits(uint64_t *region, int g)
{
    uint64_t *bits = region + SHADOW_GROUPS * SHADOW_GROUP_WORDS;
    return g == 0 ? bits : bits + SHADOW_USE_WORDS + (uintptr_t)(g - 1) * SHADOW_PAGE_WORDS;
}

/* Populate group 0 of the 64 KiB chunk of addr (cells = shadow_cells(addr)):
 * one madvise, at most once per chunk (shadow_note_use); errors (a kernel
 * before 5.14) leave the pages to fault in one by one as before, and leave
 * the program's errno as it was. */
void shadow_populate_chunk(uint64_t *cells, uintptr_t addr);

/*
 * A cell is about to be stored in cell k of addr's granule (cells =
 * shadow_cells(addr)): set its group's use bit there (slow path only; set
 * before the store so that a clear never misses the cell). Group 0's
 * first store into a 64 KiB chunk populates the chunk's group 0 (above).
 * Another group's first store into a page of its shadow write-faults that
 * page first (an atomic add of zero: no cell changes), then sets the
 * page's bit: a scan loads that group only where the bit is set
 * (shadow_groups_used), so it never reads a page of it that is not yet
 * populated, which would map the zero page and make this store's fault a
 * copy-on-write with a TLB shootdown. Each page costs memory only where a
 * cell is stored in it, as before.
 */
static inline void shadow_note_use(uint64_t *cells, uintptr_t addr, int k)
{
    int g = (int)((unsigned)k / SHADOW_GROUP_CELLS);
    unsigned shift = shadow_use_shift(g);
    uintptr_t off = addr & SHADOW_REGION_MASK;
    uint64_t *word = &shadow_use_bits(shadow_region_of(cells, addr), g)[off >> (shift + 6)];
    uint64_t bit = 1ull << ((off >> shift) & 63);
    if (!(__atomic_load_n(word, __ATOMIC_RELAXED) & bit)) {
        if (g == 0)
            shadow_populate_chunk(cells, addr);
        else
            __atomic_fetch_add(shadow_cell(cells, k), 0, __ATOMIC_RELAXED);
        __atomic_fetch_or(word, bit, __ATOMIC_SEQ_CST); /* shadow_groups_used */
    }
}

/*
 * The groups that may hold cells of addr's granule (cells =
 * shadow_cells(addr)), one bit each: group 0 always, any other group only
 * when its use bit for addr's page is set. A clear bit means the group
 * has never held a cell there (bits are set before a store and never
 * cleared), so its cells are zero and a scan need not load them: private
 * data and data two threads share never touch a group-1 line. Loaded with
 * seq_cst: a scan that runs after its own compare-and-swap (access.c,
 * recheck_after_store) then sees the bit of a store racing with it
 * (shadow_note_use sets it with a seq_cst read-modify-write first).
 */
static inline unsigned shadow_groups_used(const uint64_t *cells, uintptr_t addr, int order)
{
    unsigned used = 1;
#if SHADOW_GROUPS > 1
    uintptr_t off = addr & SHADOW_REGION_MASK;
    uint64_t *region = shadow_region_of((uint64_t *)cells, addr);
    uintptr_t word = off >> (SHADOW_PAGE_SHIFT + 6);
    unsigned bit = (off >> SHADOW_PAGE_SHIFT) & 63;
    for (int g = 1; g < SHADOW_GROUPS; g++)
        used |= (unsigned)((__atomic_load_n(&shadow_use_bits(region, g)[word], order) >> bit) & 1)
                << g;
#else
    (void)cells, (void)addr, (void)order;
#endif
    return used;
}

/* Is cell k's group among `used` (shadow_groups_used)? */
static inline int shadow_cell_in_used_group(unsigned used, int k)
{
    return (used >> ((unsigned)k / SHADOW_GROUP_CELLS)) & 1;
}

/*
 * The heap meta word of the 16 bytes holding addr: which heap record
 * (heap.c) starts there, 0 for none. Kept with the region's shadow, so that
 * recording a block touches memory next to what its thread already uses,
 * never a shared table. NULL when addr has no shadow; `create`: make the
 * region's shadow if it has none yet.
 */
static inline uint32_t *shadow_meta(uintptr_t addr, int create)
{
    uint64_t *cells = create ? shadow_cells(addr) : shadow_cells_existing(addr);
    if (!cells)
        return 0;
    char *region = (char *)shadow_region_of(cells, addr);
    uint32_t *meta =
        (uint32_t *)(region + (1ul << SHADOW_REGION_SHIFT) * SHADOW_SCALE + SHADOW_USE_BYTES);
    return meta + ((addr & SHADOW_REGION_MASK) >> SHADOW_META_SHIFT);
}

/* Forget every access to [addr, addr+size): fresh memory. */
void shadow_clear(uintptr_t addr, size_t size);

/* Make [addr, addr+size) look accessed by exactly one access: `cell`
 * (slot, epoch, kind and mask) in its thread's own cell of every granule,
 * nothing in the other cells. */
void shadow_stamp(uintptr_t addr, size_t size, uint64_t cell);

#endif
