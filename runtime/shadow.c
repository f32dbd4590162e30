/*
 * shadow.c - creation of shadow regions and bulk operations on shadow
 * (clearing fresh memory, stamping freed memory). The per-access lookup is
 * the inline shadow_cells() in shadow.h.
 */

#include "shadow.h"
#include "cell.h"

#include <errno.h>
#include <sys/mman.h>

/* Written only by shadow_region_create (CAS NULL -> region), read by all. */
uint64_t *shadow_l1[SHADOW_L1_SIZE];

uint64_t *shadow_region_create(uintptr_t idx)
{
    uint64_t *fresh = rt_sys_mmap(NULL, SHADOW_REGION_BYTES, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (fresh == MAP_FAILED)
        rt_die("cannot reserve %lu MiB of shadow memory (vm.overcommit_memory=2?)",
               SHADOW_REGION_BYTES >> 20);
    uint64_t *expected = NULL;
    if (__atomic_compare_exchange_n(&shadow_l1[idx], &expected, fresh, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return fresh;
    rt_sys_munmap(fresh, SHADOW_REGION_BYTES);
    return expected;
}

/*
 * Shadow bytes from which clearing hands whole pages back to the kernel
 * instead of writing zeros. Below it, memset is cheaper: madvise makes the
 * next malloc of the same memory fault every page in again (malloc_churn
 * ran 8x slower with a 64 KiB threshold).
 */
#define CLEAR_BY_MADVISE (2u << 20)

static void clear_cells(uint64_t *cells, size_t ncells)
{
    size_t bytes = ncells * sizeof(uint64_t);
    if (bytes < CLEAR_BY_MADVISE) {
        rt_memset(cells, 0, bytes);
        return;
    }
    uintptr_t start = (uintptr_t)cells, end = start + bytes;
    uintptr_t page_lo = (start + 4095) & ~4095ul, page_hi = end & ~4095ul;
    rt_memset(cells, 0, page_lo - start);
    madvise((void *)page_lo, page_hi - page_lo, MADV_DONTNEED);
    rt_memset((void *)page_hi, 0, end - page_hi);
}

/*
 * Zero a range of a group that may be only partly populated: look before
 * writing, so that pages never written stay unpopulated (reading an
 * untouched page maps the kernel's shared zero page, which costs no memory
 * and stays in cache).
 */
static void clear_sparse(uint64_t *cells, size_t ncells)
{
    size_t i = 0;
    for (; i + 8 <= ncells; i += 8) {
        const uint64_t *c = cells + i;
        if (c[0] | c[1] | c[2] | c[3] | c[4] | c[5] | c[6] | c[7])
            rt_memset(cells + i, 0, 8 * sizeof(uint64_t));
    }
    for (; i < ncells; i++)
        if (cells[i])
            cells[i] = 0;
}

/* Group g's cells of granule `first` (a region's granule index). */
static uint64_t *group_at(uint64_t *region, int g, uintptr_t first)
{
    return region + (uintptr_t)g * SHADOW_GROUP_WORDS + first * SHADOW_GROUP_CELLS;
}

#define USE_CHUNK (1ul << (SHADOW_USE_SHIFT - 3)) /* granules per use bit of group 0 */

/* Granules per use bit of group g. */
static uintptr_t use_chunk(int g)
{
    return 1ul << (shadow_use_shift(g) - 3);
}

static int chunk_used(const uint64_t *use, uintptr_t chunk)
{
    return (__atomic_load_n(&use[chunk / 64], __ATOMIC_RELAXED) >> (chunk % 64)) & 1;
}

/*
 * The cells of granules [first, first + n) of a region, except those of
 * group `skip` (-1: none): cleared where the group's use bits say a cell
 * may have been stored. Ranges of 2 MiB of shadow and more are handed back
 * to the kernel (clear_cells) when any of their chunks was used.
 */
static void clear_groups(uint64_t *region, uintptr_t first, size_t n, int skip)
{
    uintptr_t end = first + n;
    for (int g = 0; g < SHADOW_GROUPS; g++) {
        if (g == skip)
            continue;
        const uint64_t *use = shadow_use_bits(region, g);
        const uintptr_t chunk = use_chunk(g);
        if (n * SHADOW_GROUP_CELLS * sizeof(uint64_t) >= CLEAR_BY_MADVISE) {
            for (uintptr_t c = first / chunk; c <= (end - 1) / chunk; c++) {
                if (chunk_used(use, c)) {
                    clear_cells(group_at(region, g, first), n * SHADOW_GROUP_CELLS);
                    break;
                }
            }
            continue;
        }
        for (uintptr_t i = first; i < end;) {
            uintptr_t c = i / chunk, stop = (c + 1) * chunk < end ? (c + 1) * chunk : end;
            if (chunk_used(use, c))
                clear_sparse(group_at(region, g, i), (stop - i) * SHADOW_GROUP_CELLS);
            i = stop;
        }
    }
}

/* Set group g's use bits over granules [first, first + n). */
static void note_range(uint64_t *region, uintptr_t first, size_t n, int g)
{
    uint64_t *use = shadow_use_bits(region, g);
    const uintptr_t chunk = use_chunk(g);
    for (uintptr_t c = first / chunk; c <= (first + n - 1) / chunk; c++)
        if (!chunk_used(use, c))
            __atomic_fetch_or(&use[c / 64], 1ull << (c % 64), __ATOMIC_RELAXED);
}

/* Calls fn(region, first granule, granules, arg) on [addr, addr+size),
 * region by region. */
static void for_each_region(uintptr_t addr, size_t size,
                            void (*fn)(uint64_t *, uintptr_t, size_t, uint64_t), uint64_t arg)
{
    uintptr_t end = addr + size;
    addr &= ~(uintptr_t)(SHADOW_GRANULE - 1);
    while (addr < end && (addr >> SHADOW_REGION_SHIFT) < SHADOW_L1_SIZE) {
        uintptr_t region_end = ((addr >> SHADOW_REGION_SHIFT) + 1) << SHADOW_REGION_SHIFT;
        uintptr_t stop = end < region_end ? end : region_end;
        size_t granules = (stop - addr + SHADOW_GRANULE - 1) / SHADOW_GRANULE;
        fn(shadow_region_of(shadow_cells(addr), addr), (addr & SHADOW_REGION_MASK) / SHADOW_GRANULE,
           granules, arg);
        addr = region_end;
    }
}

static void clear_fn(uint64_t *region, uintptr_t first, size_t granules, uint64_t unused)
{
    (void)unused;
    clear_groups(region, first, granules, -1);
}

void shadow_clear(uintptr_t addr, size_t size)
{
    if (size)
        for_each_region(addr, size, clear_fn, 0);
}

/* The own cell's group is written whole (the cell, zeros beside it: the
 * same line), the other groups cleared where used. */
static void stamp_fn(uint64_t *region, uintptr_t first, size_t granules, uint64_t cell)
{
    int k = shadow_own_cell(cell), g = k / SHADOW_GROUP_CELLS;
    note_range(region, first, granules, g);
    uint64_t *cells = group_at(region, g, first);
    /* a granule's whole group at a time, the values in registers: the
     * loop is the stores (every malloc stamps its block) */
    uint64_t v[SHADOW_GROUP_CELLS];
    for (int j = 0; j < SHADOW_GROUP_CELLS; j++)
        v[j] = j == k % SHADOW_GROUP_CELLS ? cell : 0;
    for (size_t i = 0; i < granules; i++, cells += SHADOW_GROUP_CELLS)
        for (int j = 0; j < SHADOW_GROUP_CELLS; j++)
            __atomic_store_n(&cells[j], v[j], __ATOMIC_RELAXED);
    clear_groups(region, first, granules, g);
}

void shadow_stamp(uintptr_t addr, size_t size, uint64_t cell)
{
    if (size)
        for_each_region(addr, size, stamp_fn, cell);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* shadow.h: write-fault the chunk's group 0 before the fast path reads
 * its pages (a read would map the zero page, and the first store then
 * costs a TLB shootdown). Populating never changes a cell, so a thread
 * storing into the chunk meanwhile loses nothing. */
void shadow_populate_chunk(uint64_t *cells, uintptr_t addr)
{
    uintptr_t off = addr & SHADOW_REGION_MASK;
    uintptr_t first = (off >> SHADOW_USE_SHIFT << SHADOW_USE_SHIFT) / SHADOW_GRANULE;
    uint64_t *start = group_at(shadow_region_of(cells, addr), 0, first);
    int saved = errno; /* the program's, between two of its own calls */
    madvise(start, USE_CHUNK * SHADOW_GROUP_CELLS * sizeof(uint64_t), MADV_POPULATE_WRITE);
    errno = saved;
}
