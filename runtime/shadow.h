/*
 * shadow.h - where the shadow cells of an application address live.
 *
 * Every aligned 8-byte granule of application memory has SHADOW_CELLS
 * cells of 8 bytes (cell.h), each in its own "plane": cell k of a granule
 * lives SHADOW_PLANE words after cell k-1. A thread's accesses go to "its"
 * plane (slot mod 4) whenever that cell is free, and the access fast path
 * looks there first. So memory used by one thread populates one plane
 * only (1 byte of shadow per byte of memory instead of 4, and a sequential
 * sweep walks 8 bytes of shadow per granule, not 32), and data read by
 * several threads costs each of them one cache line of shadow per lookup
 * once its cell of the current epoch is in its plane. What the planes cost:
 * the first access to a granule in each epoch loads all four planes (four
 * lines, where cells side by side would be one), two threads whose slots
 * are equal mod 4 share a plane (the second one's cells land elsewhere and
 * its lookups probe up to four lines), and every reader of shared data
 * populates its own plane (memory and page faults grow with the readers).
 * After the planes, each region keeps one bitmap per plane with one bit
 * per 64 KiB of memory, set before a cell is stored in that plane there:
 * clearing skips the planes a range of memory never used. Last comes the
 * heap meta map (shadow_meta).
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
#define SHADOW_GRANULE 8
#define SHADOW_REGION_SHIFT 30
#define SHADOW_ADDR_BITS 47
#define SHADOW_L1_SIZE (1ul << (SHADOW_ADDR_BITS - SHADOW_REGION_SHIFT))
/* words from a granule's cell k to its cell k + 1: one plane per region */
#define SHADOW_PLANE ((1ul << SHADOW_REGION_SHIFT) / SHADOW_GRANULE)
/* shadow bytes per application byte */
#define SHADOW_SCALE (SHADOW_CELLS * 8 / SHADOW_GRANULE)
#define SHADOW_REGION_MASK ((1ul << SHADOW_REGION_SHIFT) - 1)
/* the plane use bitmaps: one bit per 2^SHADOW_USE_SHIFT bytes of memory */
#define SHADOW_USE_SHIFT 16
#define SHADOW_USE_WORDS ((1ul << (SHADOW_REGION_SHIFT - SHADOW_USE_SHIFT)) / 64) /* per plane */
#define SHADOW_USE_BYTES (SHADOW_CELLS * SHADOW_USE_WORDS * 8)
/* the heap meta map: a 32-bit record number per 16 bytes (heap.c) */
#define SHADOW_META_SHIFT 4
#define SHADOW_META_BYTES ((1ul << (SHADOW_REGION_SHIFT - SHADOW_META_SHIFT)) * 4)
#define SHADOW_REGION_BYTES                                                                        \
    ((1ul << SHADOW_REGION_SHIFT) * SHADOW_SCALE + SHADOW_USE_BYTES + SHADOW_META_BYTES)

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
    return region + (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE;
}

/* The same, creating the region's shadow on first use: NULL only when addr
 * has no shadow (2^47 and above). */
static inline uint64_t *shadow_cells(uintptr_t addr)
{
    uint64_t *cells = shadow_cells_existing(addr);
    uintptr_t idx = addr >> SHADOW_REGION_SHIFT;
    if (likely(cells != 0) || idx >= SHADOW_L1_SIZE)
        return cells;
    return shadow_region_create(idx) + (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE;
}

/* The start of the region shadow that cells (= shadow_cells(addr)) is in. */
static inline uint64_t *shadow_region_of(uint64_t *cells, uintptr_t addr)
{
    return cells - (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE;
}

static inline uint64_t *shadow_cell(const uint64_t *cells, int k)
{
    return (uint64_t *)cells + (uintptr_t)k * SHADOW_PLANE;
}

/* The plane a thread's cells go to when free: its slot mod SHADOW_CELLS. */
static inline int shadow_own_plane(uint64_t cell)
{
    return (int)(cell >> CELL_SLOT_SHIFT) & (SHADOW_CELLS - 1);
}

/*
 * A cell is about to be stored in plane k of addr's granule (cells =
 * shadow_cells(addr)): set the plane's use bit for its 64 KiB (slow path
 * only; set before the store so that a clear never misses the cell).
 */
static inline void shadow_note_use(uint64_t *cells, uintptr_t addr, int k)
{
    uintptr_t off = addr & SHADOW_REGION_MASK;
    uint64_t *use = shadow_region_of(cells, addr) + SHADOW_CELLS * SHADOW_PLANE;
    uint64_t *word = &use[k * SHADOW_USE_WORDS + (off >> (SHADOW_USE_SHIFT + 6))];
    uint64_t bit = 1ull << ((off >> SHADOW_USE_SHIFT) & 63);
    if (!(__atomic_load_n(word, __ATOMIC_RELAXED) & bit))
        __atomic_fetch_or(word, bit, __ATOMIC_RELAXED);
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
 * (slot, epoch, kind and mask) in its thread's plane of every granule,
 * nothing in the other planes. */
void shadow_stamp(uintptr_t addr, size_t size, uint64_t cell);

#endif
