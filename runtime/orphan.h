/*
 * orphan.h - epochs that happen before nothing: the final epoch of a
 * finished detached thread that accessed memory after its last release.
 *
 * No release gave that epoch out and no join ever will, so no thread can
 * be ordered after the cells it left. With a slot of its own forever, a
 * check would say so by itself (nobody's clock reaches the epoch). But a
 * finished slot gets a new owner (thread.c, slot_take), whose epochs
 * continue the sequence: a thread that synchronizes with the new owner
 * holds a clock entry above the old one's epochs, and the old cells would
 * look ordered. access.c asks orphan_has for a cell that looks ordered;
 * a yes makes it the conflict it would have been on a fresh slot, so this
 * finds exactly the races a detector with unbounded slots finds at those
 * cells and never one more.
 *
 * Memory: 8 bytes per orphaned thread, at most ORPHANS_PER_SLOT per slot
 * (the oldest are forgotten after that: their cells may then look ordered
 * again, as before). Written by thread.c under its registry lock; read
 * without locks (values, once stored, are orphans forever).
 */
#ifndef CRACE_ORPHAN_H
#define CRACE_ORPHAN_H

#include "cell.h"

#include <stdint.h>

/* The newest orphaned epoch of each slot (0: none): the cheap first test. */
extern uint64_t orphan_newest[CELL_MAX_SLOTS];

/* Record epoch as orphaned on slot (registry lock held; epochs increase). */
void orphan_add(uint32_t slot, uint64_t epoch);

/* Is epoch an orphaned epoch of slot? (lookup of the kept ones) */
int orphan_lookup(uint32_t slot, uint64_t epoch);

/* Could epoch be an orphaned epoch of slot? No when it is above the slot's
 * newest orphan: orphan_has's first test, for callers that leave the
 * lookup to a slower path. */
static inline int orphan_maybe(uint32_t slot, uint64_t epoch)
{
    return epoch <= __atomic_load_n(&orphan_newest[slot], __ATOMIC_RELAXED);
}

static inline int orphan_has(uint32_t slot, uint64_t epoch)
{
    if (__builtin_expect(!orphan_maybe(slot, epoch), 1))
        return 0;
    return epoch == __atomic_load_n(&orphan_newest[slot], __ATOMIC_RELAXED) ||
           orphan_lookup(slot, epoch);
}

#endif
