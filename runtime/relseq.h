/*
 * relseq.h - release sequences of one atomic object: which threads head
 * the sequence(s) its latest store belongs to, and each head's part of the
 * clock that store carries (relseq.c explains the model).
 *
 * The clock itself (what an acquire reading the latest value picks up)
 * belongs to the caller's sync object; these functions keep it and the
 * heads consistent. All of them run with the object's lock held.
 */
#ifndef CRACE_RELSEQ_H
#define CRACE_RELSEQ_H

#include "clock.h"

/* More heads than this at once: the object stops telling them apart. */
#define RELSEQ_MAX_HEADS 64

struct relseq_part {
    uint32_t uid;       /* the head thread (T number, never reused) */
    uint32_t slot;      /* its slot: a later owner of the slot means it has finished */
    struct vclock part; /* its clock at its latest release into the sequence */
};

struct relseq {
    /* One head whose part is the whole clock (the common case): 1 + its
     * uid, and its slot. 0: see parts. */
    uint32_t solo;
    uint32_t solo_slot;
    /* Otherwise n parts (n may be 0: no sequence, the clock is empty); the
     * clock also keeps what finished heads contributed. */
    struct relseq_part *parts;
    uint32_t n, cap;
    /* The clock holds what no head accounts for (a non-atomic release on
     * the address, or too many heads): stores never drop any of it. */
    int keep_all;
};

/* A release store by thread (uid, slot) whose clock is tc. */
void relseq_release_store(struct relseq *r, struct vclock *c, uint32_t uid, uint32_t slot,
                          const struct vclock *tc);
/* A relaxed store by (uid, slot); fence: its release-fence clock, or NULL. */
void relseq_store(struct relseq *r, struct vclock *c, uint32_t uid, uint32_t slot,
                  const struct vclock *fence);
/* A read-modify-write by (uid, slot) releasing rel (its clock for a release
 * RMW, its release-fence clock for a relaxed one after a release fence). */
void relseq_rmw(struct relseq *r, struct vclock *c, uint32_t uid, uint32_t slot,
                const struct vclock *rel);
/* Something other than an atomic operation joined into c. */
void relseq_foreign(struct relseq *r);
void relseq_free(struct relseq *r);

#endif
