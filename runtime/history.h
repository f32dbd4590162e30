/*
 * history.h - per-thread-slot event trace used to rebuild the stack of a
 * previous access ("Previous write ... by thread T1:").
 *
 * The shadow only remembers (slot, epoch, bytes, kind) of an access. Each
 * slot therefore logs its events in a ring of 64-bit words:
 *
 *   access      w0 = EV_ACCESS | flags | addr << 16, w1 = pc [, w2 = size]
 *   func entry  w0 = EV_ENTRY | pc << 2
 *   func exit   w0 = EV_EXIT
 *   other       w0 = EV_OTHER | kind << 2 | arg << 8   (epoch change,
 *               stack reset at thread start, lock taken or released)
 *
 * The ring is cut into TRACE_PARTS parts; the first event written into a
 * part is preceded by a header snapshot (position, epoch, shadow stack,
 * locks held), so
 * replay can start at any part that has not been overwritten. Replaying a
 * part from its snapshot, following entries, exits, epoch changes and lock
 * events, up to an access that matches the shadow cell gives that access's
 * full stack and the locks its thread held.
 *
 * Writers: only the thread that owns the slot appends (no locks, no
 * atomics beyond a release store of the position), with signals deferred
 * so that a handler never appends in the middle (thread.h). Readers: the
 * report path, which checks afterwards that what it read was not
 * overwritten.
 */
#ifndef CRACE_HISTORY_H
#define CRACE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#define EV_ACCESS 0ull
#define EV_ENTRY 1ull
#define EV_EXIT 2ull
#define EV_OTHER 3ull
#define EV_TYPE_MASK 3ull

/* access flags, bits 2..7 of w0 */
#define EVA_READ (1ull << 2)
#define EVA_ATOMIC (1ull << 3)
#define EVA_RANGE (1ull << 4)
#define EVA_FREE (1ull << 5)
#define EVA_SIZELOG_SHIFT 6 /* 2 bits: size 1,2,4,8; 16 and ranges use EVA_RANGE */
#define EVA_ADDR_SHIFT 16

/* EV_OTHER kinds */
#define EVO_EPOCH 1ull       /* arg = new epoch */
#define EVO_STACK_RESET 2ull /* a new thread starts on this slot: empty stack */
#define EVO_LOCK 3ull        /* arg = held_set entry of a lock just taken */
#define EVO_UNLOCK 4ull      /* arg = address of a lock about to be released */

/*
 * The locks a thread holds, for "Mutexes held:" in reports. An entry is the
 * lock's address with HELD_READ set when it is held for reading (locks are
 * at least 4-byte aligned). Locks past HELD_MAX are not listed.
 */
#define HELD_MAX 16
#define HELD_READ 1ull

struct held_set {
    uint32_t n;
    uintptr_t e[HELD_MAX];
};

static inline void held_add(struct held_set *h, uintptr_t entry)
{
    if (h->n < HELD_MAX)
        h->e[h->n++] = entry;
}

/* Drop the newest entry for addr (a recursive lock is listed per level). */
static inline void held_remove(struct held_set *h, uintptr_t addr)
{
    for (uint32_t i = h->n; i > 0; i--) {
        if ((h->e[i - 1] & ~HELD_READ) == addr) {
            for (uint32_t k = i; k < h->n; k++)
                h->e[k - 1] = h->e[k];
            h->n--;
            return;
        }
    }
}

#define TRACE_PARTS 8
#define TRACE_PART_STACK 128 /* frames kept in a part snapshot */

struct trace_part {
    uint64_t start; /* ring position of the part's first event; 0 = never used */
    uint64_t epoch; /* slot epoch at that point */
    uint32_t depth; /* shadow stack depth at that point */
    uint32_t kept;  /* innermost frames kept in stack[], outermost first */
    uintptr_t stack[TRACE_PART_STACK];
    struct held_set held; /* locks held at that point */
};

struct trace {
    uint64_t *ring;     /* cap words */
    uint64_t cap;       /* power of two */
    uint64_t pos;       /* words ever written; ring index = pos & (cap - 1) */
    uint64_t next_part; /* position at which the next snapshot is due */
    struct trace_part parts[TRACE_PARTS];
};

struct crace_thread;

void trace_init(struct trace *tr, unsigned history_size);
void trace_destroy(struct trace *tr);
/* Slow part of event writing: take a snapshot for a new part. */
void trace_new_part(struct crace_thread *t);

/*
 * Shrink a slot's ring when a new thread takes the slot over (thread.c):
 * only the words [from, pos) stay (its previous owner's history, at most
 * TRACE_COMPACT_MAX words; none if longer), moved to the start of the ring,
 * to be replayed from an empty stack at `epoch` (they begin with the
 * owner's stack reset); every page of the ring goes back to the kernel.
 * The caller is the slot's only writer and holds the report lock (no
 * replay runs meanwhile).
 */
#define TRACE_COMPACT_MAX 4096
void trace_compact(struct trace *tr, uint64_t from, uint64_t epoch);

/* What replay found for one previous access. */
struct trace_hit {
    int found;
    uintptr_t pc;         /* the access's pc */
    uintptr_t addr;       /* its address */
    uint32_t depth;       /* frames in stack */
    uintptr_t stack[256]; /* call-site pcs, outermost first: the innermost frames */
    uint32_t missing;     /* outer frames not recorded (below stack[0]) */
    struct held_set held; /* locks the thread held at the access */
};

/*
 * Find in tr an access at `epoch` overlapping the granule bytes `mask` of
 * `granule` with the given kind flags (EVA_READ / EVA_ATOMIC / EVA_FREE).
 */
void trace_find(struct trace *tr, uint64_t epoch, uintptr_t granule, unsigned mask, uint64_t kind,
                struct trace_hit *hit);

/*
 * A reader's place in a slot's history (history_scan.c): everything before
 * `pos` has been looked at, and `epoch` is the slot's epoch there, so every
 * event of a later epoch lies at or after pos. Used to decide cheaply that
 * a race repeats one already reported, without replay.
 */
struct trace_cursor {
    uint64_t pos;
    uint64_t epoch;
};

/* Place c at the current end of tr's history. 0 when no part is readable. */
int trace_cursor_at_end(struct trace *tr, struct trace_cursor *c);
/*
 * Call fn(ctx, pc) for each access event of the given kind (EVA_READ /
 * EVA_ATOMIC / EVA_FREE flags, as trace_find) from c->pos to the current
 * end of tr's history that touches the 8 bytes at granule, and move c to
 * the end. Returns 1 when every such event was seen and fn returned 1 for
 * each; 0 when fn returned 0 or part of the range was overwritten (c is
 * then unusable).
 */
int trace_cursor_scan(struct trace *tr, struct trace_cursor *c, uintptr_t granule, uint64_t kind,
                      int (*fn)(void *ctx, uintptr_t pc), void *ctx);

#endif
