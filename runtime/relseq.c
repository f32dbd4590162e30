/*
 * relseq.c - release sequences (C11 5.1.2.4): what clock each store to an
 * atomic object carries to an acquire that reads it.
 *
 * The model. A release sequence headed by a release operation A on M is A
 * followed by the longest run of later stores to M (in M's modification
 * order) each of which is done by A's thread or is a read-modify-write. An
 * acquire that reads the value of store W synchronizes with every A whose
 * sequence contains W, so W carries C(W), the join of those A's clocks. One
 * thread's releases carry growing clocks, so per head thread u only its
 * latest release counts: C(W) is the join of one part P_u per head u.
 * Stores reach us in modification order (each runs under the object's lock,
 * atomic.c), so C(W) follows from C(W'), W' the store before W, and from
 * what thread t did:
 *   - release store: other threads' sequences end (W is another thread's
 *     non-RMW store), t's continue but its clock covers them:
 *     C(W) = clock(t), the only head t;
 *   - relaxed store: other threads' sequences end, t's continue:
 *     C(W) = P_t(W'), the only head t if it was one, else no head;
 *   - read-modify-write: every sequence continues, C(W) = C(W'); a release
 *     RMW heads one more, P_t = clock(t).
 * Release fences (7.17.4): a store or RMW X after t's release fence F
 * synchronizes like a release head with F's clock (the "hypothetical
 * release sequence" X heads), so a relaxed store or RMW after F joins F's
 * clock into P_t.
 *
 * Representation. Usually one head's part is the whole clock (solo). When
 * a second thread's RMW releases into the sequence, each head's part is
 * kept apart (parts) so that a relaxed store by one of them keeps exactly
 * its own. A head that finished never stores again: its part only has to
 * stay in the clock, which keeps it when the slot's next owner takes its
 * entry, so the parts stay bounded by the live threads.
 * Over-approximations (an acquire may get more than C(W): a race missed,
 * none invented): with more than RELSEQ_MAX_HEADS heads, or after a
 * non-atomic release on the address (annotations), stores keep the whole
 * clock until the next release store.
 */
#include "relseq.h"
#include "rt.h"

static const struct vclock empty_clock;

static void drop_parts(struct relseq *r)
{
    for (uint32_t i = 0; i < r->n; i++)
        vclock_free(&r->parts[i].part);
    r->n = 0;
}

static void become_solo(struct relseq *r, uint32_t uid, uint32_t slot)
{
    drop_parts(r);
    r->solo = uid + 1;
    r->solo_slot = slot;
}

static void become_headless(struct relseq *r, struct vclock *c)
{
    drop_parts(r);
    r->solo = 0;
    vclock_copy(c, &empty_clock);
}

void relseq_release_store(struct relseq *r, struct vclock *c, uint32_t uid, uint32_t slot,
                          const struct vclock *tc)
{
    vclock_copy(c, tc);
    become_solo(r, uid, slot);
    r->keep_all = 0;
}

static struct relseq_part *part_of(struct relseq *r, uint32_t uid)
{
    for (uint32_t i = 0; i < r->n; i++)
        if (r->parts[i].uid == uid)
            return &r->parts[i];
    return 0;
}

void relseq_store(struct relseq *r, struct vclock *c, uint32_t uid, uint32_t slot,
                  const struct vclock *fence)
{
    if (r->keep_all) {
        if (fence)
            vclock_join(c, fence);
        return;
    }
    if (r->solo == uid + 1) {
        /* t is the only head and its part is the whole clock: all of it continues */
        if (fence)
            vclock_join(c, fence);
        return;
    }
    struct relseq_part *own = r->solo ? 0 : part_of(r, uid);
    if (own) {
        vclock_copy(c, &own->part);
        become_solo(r, uid, slot);
    } else {
        become_headless(r, c);
    }
    if (fence) {
        vclock_join(c, fence);
        become_solo(r, uid, slot);
    }
}

/* Switch from solo to parts: the solo head's part is the clock so far. */
static void split_solo(struct relseq *r, const struct vclock *c)
{
    uint32_t uid = r->solo - 1, slot = r->solo_slot;
    r->solo = 0;
    if (r->cap == 0) {
        r->cap = 4;
        r->parts = rt_alloc(r->cap * sizeof *r->parts);
    }
    r->parts[0] = (struct relseq_part){.uid = uid, .slot = slot};
    vclock_copy(&r->parts[0].part, c);
    r->n = 1;
}

/* The entry for (uid, slot): its own, a finished thread's on the same slot,
 * or a new one; NULL when there is no room. */
static struct relseq_part *entry_for(struct relseq *r, uint32_t uid, uint32_t slot)
{
    struct relseq_part *p = part_of(r, uid);
    if (p)
        return p;
    for (uint32_t i = 0; i < r->n; i++) {
        if (r->parts[i].slot == slot) {
            p = &r->parts[i];
            p->uid = uid;
            vclock_copy(&p->part, &empty_clock);
            return p;
        }
    }
    if (r->n == RELSEQ_MAX_HEADS)
        return 0;
    if (r->n == r->cap) {
        r->cap *= 2;
        r->parts = rt_realloc(r->parts, r->cap * sizeof *r->parts);
    }
    p = &r->parts[r->n++];
    *p = (struct relseq_part){.uid = uid, .slot = slot};
    return p;
}

void relseq_rmw(struct relseq *r, struct vclock *c, uint32_t uid, uint32_t slot,
                const struct vclock *rel)
{
    if (!r->keep_all && r->solo != uid + 1) {
        if (!r->solo && r->n == 0) {
            become_solo(r, uid, slot); /* no sequence so far: the clock is empty */
        } else {
            if (r->solo)
                split_solo(r, c);
            struct relseq_part *p = entry_for(r, uid, slot);
            if (p) {
                vclock_join(&p->part, rel);
            } else {
                drop_parts(r);
                r->keep_all = 1;
            }
        }
    }
    vclock_join(c, rel);
}

void relseq_foreign(struct relseq *r)
{
    r->keep_all = 1;
}

void relseq_free(struct relseq *r)
{
    drop_parts(r);
    rt_free(r->parts);
    r->parts = 0;
    r->cap = 0;
    r->solo = 0;
}
