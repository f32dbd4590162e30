/*
 * report_filter.c - has this race been decided already? (report_filter.h)
 *
 * A report is decided per pair of code locations (report.c): the current
 * access's and the previous access's, which only replaying the previous
 * thread's history can tell. Replay and symbolization cost far too much to
 * run on every hit of a racy loop, so each thread keeps a small table of
 * the races it decided, keyed by (current pc, granule, the other thread's
 * slot, the kind of its access), and drops a race without replay only when
 * it provably repeats one:
 *
 *  - the very same shadow cell again (same epoch, bytes and kind) for the
 *    same address and size: replay would find the same previous access;
 *  - the same benign address and size (benign ranges are never removed);
 *  - a newer cell of the other thread, whose epoch is past the point where
 *    we last looked at its history (every access of that epoch lies after
 *    that point), when every access of that kind to the granule it made
 *    since has a pc whose pair with ours is already reported or
 *    suppressed. Replay would pick one of those accesses, so the pair is
 *    not new. The history read since last time is a few words per hit.
 *
 * Anything else (a pc not known, history overwritten, an older epoch) goes
 * to the full decision, which then updates the entry. So a new pair of code
 * locations is never dropped here.
 *
 * The table is the thread's own, touched only by that thread with signals
 * deferred (a handler's race cannot interleave with an update).
 */
#include "report_filter.h"

#define FILTER_ENTRIES 64 /* per thread, direct-mapped */
#define FILTER_OK 4       /* previous-access pcs known to pair with ours */

struct filter_entry {
    /* key */
    uintptr_t pc, granule;
    uint32_t slot;
    uint64_t kind;
    int used;
    /* the same cell, or a benign access, again */
    uint64_t last_old;
    uintptr_t last_addr;
    unsigned last_size;
    int benign;
    /* later accesses of the other thread */
    struct trace *tr;         /* NULL: no usable cursor */
    struct trace_cursor seen; /* its history looked at so far */
    uint64_t origin_epoch;    /* epochs above it lie after the cursor's first position */
    uintptr_t ok[FILTER_OK];  /* pcs of previous accesses already paired with pc */
    unsigned nok;
};

static __thread struct filter_entry *table; /* FILTER_ENTRIES, allocated on first use */

static struct filter_entry *entry_for(uintptr_t pc, uintptr_t granule, uint64_t old)
{
    uint64_t h = (pc * 0x9e3779b97f4a7c15ull) ^ (granule >> 3) ^ ((uint64_t)cell_slot(old) << 7) ^
                 cell_event_kind(old);
    h ^= h >> 29;
    return &table[h & (FILTER_ENTRIES - 1)];
}

static int same_key(const struct filter_entry *e, uintptr_t pc, uintptr_t granule, uint64_t old)
{
    return e->used && e->pc == pc && e->granule == granule && e->slot == cell_slot(old) &&
           e->kind == cell_event_kind(old);
}

static int known_ok(void *ctx, uintptr_t prev_pc)
{
    const struct filter_entry *e = ctx;
    for (unsigned i = 0; i < e->nok; i++)
        if (e->ok[i] == prev_pc)
            return 1;
    return 0;
}

static int decide(struct filter_entry *e, uintptr_t addr, unsigned size, uintptr_t granule,
                  uint64_t old)
{
    if (addr == e->last_addr && size == e->last_size && (e->benign || old == e->last_old))
        return 1;
    if (!e->tr || cell_epoch(old) <= e->origin_epoch)
        return 0;
    if (!trace_cursor_scan(e->tr, &e->seen, granule, e->kind, known_ok, e)) {
        e->tr = 0; /* the full decision sets it again */
        return 0;
    }
    return 1;
}

int report_filter_drops(uintptr_t pc, uintptr_t addr, unsigned size, uintptr_t granule,
                        uint64_t old)
{
    if (!table)
        return 0;
    thread_signals_hold();
    struct filter_entry *e = entry_for(pc, granule, old);
    int drop = same_key(e, pc, granule, old) && decide(e, addr, size, granule, old);
    thread_signals_release();
    return drop;
}

/* The entry for this key, emptied if it held another key. */
static struct filter_entry *claim(uintptr_t pc, uintptr_t granule, uint64_t old)
{
    if (!table)
        table = rt_alloc(FILTER_ENTRIES * sizeof *table);
    struct filter_entry *e = entry_for(pc, granule, old);
    if (!same_key(e, pc, granule, old)) {
        rt_memset(e, 0, sizeof *e);
        e->used = 1;
        e->pc = pc;
        e->granule = granule;
        e->slot = cell_slot(old);
        e->kind = cell_event_kind(old);
    }
    return e;
}

void report_filter_learn(uintptr_t pc, uintptr_t addr, unsigned size, uintptr_t granule,
                         uint64_t old, struct trace *tr, uintptr_t prev_pc)
{
    struct filter_entry *e = claim(pc, granule, old);
    e->last_old = old;
    e->last_addr = addr;
    e->last_size = size;
    e->benign = 0;
    if (prev_pc && !known_ok(e, prev_pc)) {
        if (e->nok == FILTER_OK) /* forget the oldest: it only costs a replay */
            rt_memmove(&e->ok[0], &e->ok[1], (FILTER_OK - 1) * sizeof e->ok[0]);
        else
            e->nok++;
        e->ok[e->nok - 1] = prev_pc;
    }
    /* From here on, look at what the other thread does next. */
    e->tr = tr && trace_cursor_at_end(tr, &e->seen) ? tr : 0;
    e->origin_epoch = e->seen.epoch;
}

void report_filter_learn_benign(uintptr_t pc, uintptr_t addr, unsigned size, uintptr_t granule,
                                uint64_t old)
{
    struct filter_entry *e = claim(pc, granule, old);
    e->last_old = old;
    e->last_addr = addr;
    e->last_size = size;
    e->benign = 1;
}
