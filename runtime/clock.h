/*
 * clock.h - vector clocks: one epoch per thread slot.
 *
 * A clock is a growable array; entries past `len` are zero. Threads own
 * their clock and only they modify it (acquire joins another clock into
 * it). Sync objects' clocks are modified under the sync object's lock.
 */
#ifndef CRACE_CLOCK_H
#define CRACE_CLOCK_H

#include <stdint.h>

struct vclock {
    uint64_t *e;  /* e[slot] = latest epoch of slot known here */
    uint32_t len; /* valid entries */
    uint32_t cap; /* allocated entries, | VCLOCK_LENT when e is the owner's storage */
};

#define VCLOCK_LENT 0x80000000u

static inline uint64_t vclock_get(const struct vclock *c, uint32_t slot)
{
    return slot < c->len ? c->e[slot] : 0;
}

void vclock_set(struct vclock *c, uint32_t slot, uint64_t epoch);
/* dst[i] = max(dst[i], src[i]) for all i */
void vclock_join(struct vclock *dst, const struct vclock *src);
/* dst = src */
void vclock_copy(struct vclock *dst, const struct vclock *src);
/* 1 if every entry of a is <= the matching entry of b */
int vclock_le(const struct vclock *a, const struct vclock *b);
void vclock_free(struct vclock *c);
/* An empty clock that starts in storage of cap zeroed entries lent by its
 * owner (next to the owner's other fields: one cache miss less per use);
 * it moves to an allocated array if it outgrows them, and vclock_free
 * never frees the lent storage. */
void vclock_init_lent(struct vclock *c, uint64_t *storage, uint32_t cap);

#endif
