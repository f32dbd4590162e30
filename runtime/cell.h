/*
 * cell.h - the encoding of one shadow cell: who accessed which bytes of an
 * 8-byte granule, when, and how.
 *
 *   bits  0..7   byte mask within the granule (bit i = byte i touched)
 *   bit   8      read (0 = write)
 *   bit   9      atomic
 *   bit   10     freed: the granule belongs to a freed heap block
 *   bits 11..26  thread slot (16 bits)
 *   bits 27..63  epoch of that slot when the access happened (37 bits)
 *
 * A zero cell is empty (every real cell has a non-zero mask). Epochs start
 * at 1 and only grow, so 37 bits never wrap in practice (1.3e11 releases per
 * slot). A thread's "fast state" is a cell with an empty mask holding its
 * slot and current epoch, so building the candidate cell for an access is a
 * single OR.
 */
#ifndef CRACE_CELL_H
#define CRACE_CELL_H

#include <stdint.h>

#define CELL_MASK_BITS 0xffull
#define CELL_READ (1ull << 8)
#define CELL_ATOMIC (1ull << 9)
#define CELL_FREED (1ull << 10)
#define CELL_SLOT_SHIFT 11
#define CELL_SLOT_BITS 16
#define CELL_EPOCH_SHIFT 27
#define CELL_MAX_SLOTS (1u << CELL_SLOT_BITS)
#define CELL_EPOCH_MAX ((1ull << (64 - CELL_EPOCH_SHIFT)) - 1)
/* The slot and epoch part: equal for two accesses of one thread between releases. */
#define CELL_WHO_WHEN (~0ull << CELL_SLOT_SHIFT)

static inline uint64_t cell_make(uint32_t slot, uint64_t epoch)
{
    return ((uint64_t)slot << CELL_SLOT_SHIFT) | (epoch << CELL_EPOCH_SHIFT);
}

static inline uint32_t cell_slot(uint64_t c)
{
    return (uint32_t)(c >> CELL_SLOT_SHIFT) & (CELL_MAX_SLOTS - 1);
}

static inline uint64_t cell_epoch(uint64_t c)
{
    return c >> CELL_EPOCH_SHIFT;
}
static inline unsigned cell_mask(uint64_t c)
{
    return (unsigned)(c & CELL_MASK_BITS);
}
static inline int cell_is_read(uint64_t c)
{
    return (c & CELL_READ) != 0;
}
static inline int cell_is_atomic(uint64_t c)
{
    return (c & CELL_ATOMIC) != 0;
}
static inline int cell_is_freed(uint64_t c)
{
    return (c & CELL_FREED) != 0;
}

/*
 * Mask of the bytes [off, off+size) of a granule; the caller guarantees
 * off + size <= 8.
 */
static inline unsigned cell_bytes(unsigned off, unsigned size)
{
    return ((1u << size) - 1) << off;
}

#endif
