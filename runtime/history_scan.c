/*
 * history_scan.c - reading a slot's history forward from a cursor
 * (history.h, struct trace_cursor), without rebuilding stacks: which
 * accesses touched a granule since some point, and the epoch at the end.
 * The owner keeps writing meanwhile: only words below its published
 * position are read, and a range it may have overwritten since is refused.
 */
#include "history.h"

/* Words of the event starting with w. */
static uint64_t event_words(uint64_t w)
{
    if ((w & EV_TYPE_MASK) != EV_ACCESS)
        return 1;
    return (w & EVA_RANGE) ? 3 : 2;
}

/* Did the owner overwrite anything at or after `from` while we read? */
static int overwritten(const struct trace *tr, uint64_t from)
{
    uint64_t now = __atomic_load_n(&tr->pos, __ATOMIC_ACQUIRE);
    return now > tr->cap && now - tr->cap > from;
}

int trace_cursor_at_end(struct trace *tr, struct trace_cursor *c)
{
    uint64_t end = __atomic_load_n(&tr->pos, __ATOMIC_ACQUIRE);
    uint64_t lo = end > tr->cap ? end - tr->cap : 0;
    const struct trace_part *newest = 0;
    for (int i = 0; i < TRACE_PARTS; i++) {
        uint64_t s = __atomic_load_n(&tr->parts[i].start, __ATOMIC_ACQUIRE);
        if (s != UINT64_MAX && s >= lo && s <= end && (!newest || s > newest->start))
            newest = &tr->parts[i];
    }
    if (!newest)
        return 0;
    uint64_t start = newest->start, epoch = newest->epoch, m = tr->cap - 1;
    if (__atomic_load_n(&newest->start, __ATOMIC_ACQUIRE) != start)
        return 0; /* snapshot rewritten meanwhile */
    for (uint64_t p = start; p < end;) {
        uint64_t w = tr->ring[p & m];
        if ((w & EV_TYPE_MASK) == EV_OTHER && ((w >> 2) & 63) == EVO_EPOCH)
            epoch = w >> 8;
        p += event_words(w);
    }
    if (overwritten(tr, start))
        return 0;
    c->pos = end;
    c->epoch = epoch;
    return 1;
}

int trace_cursor_scan(struct trace *tr, struct trace_cursor *c, uintptr_t granule, uint64_t kind,
                      int (*fn)(void *ctx, uintptr_t pc), void *ctx)
{
    uint64_t end = __atomic_load_n(&tr->pos, __ATOMIC_ACQUIRE), m = tr->cap - 1;
    if (overwritten(tr, c->pos))
        return 0;
    for (uint64_t p = c->pos; p < end;) {
        uint64_t w = tr->ring[p & m];
        uint64_t n = event_words(w);
        if ((w & EV_TYPE_MASK) == EV_ACCESS) {
            uintptr_t a = w >> EVA_ADDR_SHIFT;
            uint64_t size =
                (w & EVA_RANGE) ? tr->ring[(p + 2) & m] : 1ull << ((w >> EVA_SIZELOG_SHIFT) & 3);
            uintptr_t pc = tr->ring[(p + 1) & m];
            if ((w & (EVA_READ | EVA_ATOMIC | EVA_FREE)) == kind && a < granule + 8 &&
                a + size > granule && !fn(ctx, pc))
                return 0;
        } else if (((w >> 2) & 63) == EVO_EPOCH && (w & EV_TYPE_MASK) == EV_OTHER) {
            c->epoch = w >> 8;
        }
        p += n;
    }
    /* What fn saw may have been overwritten while we read it. */
    if (overwritten(tr, c->pos))
        return 0;
    c->pos = end;
    return 1;
}
