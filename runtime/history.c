/*
 * history.c - history ring allocation, part snapshots and replay
 * (see history.h for the event format).
 */
#include "history.h"
#include "cell.h"
#include "thread.h"

#include <sys/mman.h>

void trace_init(struct trace *tr, unsigned history_size)
{
    tr->cap = 1ull << (16 + history_size);
    tr->ring = rt_map(tr->cap * sizeof(uint64_t));
    tr->pos = 0;
    tr->next_part = 0;
    for (int i = 0; i < TRACE_PARTS; i++)
        tr->parts[i].start = UINT64_MAX;
}

void trace_destroy(struct trace *tr)
{
    rt_unmap(tr->ring, tr->cap * sizeof(uint64_t));
    tr->ring = 0;
}

static uint64_t part_words(const struct trace *tr)
{
    return tr->cap / TRACE_PARTS;
}

/* Words trace_compact moves; its buffer is guarded by the report lock. */
static uint64_t compact_buf[TRACE_COMPACT_MAX];

void trace_compact(struct trace *tr, uint64_t from, uint64_t epoch)
{
    uint64_t n = from <= tr->pos && tr->pos - from <= TRACE_COMPACT_MAX ? tr->pos - from : 0;
    uint64_t m = tr->cap - 1;
    for (uint64_t i = 0; i < n; i++)
        compact_buf[i] = tr->ring[(from + i) & m];
    /* every page back to the kernel (they read as zeros again) */
    madvise(tr->ring, tr->cap * sizeof(uint64_t), MADV_DONTNEED);
    rt_memcpy(tr->ring, compact_buf, n * sizeof(uint64_t));
    for (int i = 0; i < TRACE_PARTS; i++)
        tr->parts[i].start = UINT64_MAX;
    if (n) {
        struct trace_part *p = &tr->parts[0];
        p->epoch = epoch;
        p->depth = p->kept = 0;
        p->held.n = 0;
        p->start = 0;
    }
    tr->pos = n;
    tr->next_part = n ? part_words(tr) : 0;
}

void trace_new_part(struct crace_thread *t)
{
    struct trace *tr = t->tr;
    uint64_t pos = tr->pos, size = part_words(tr);
    struct trace_part *p = &tr->parts[(pos / size) % TRACE_PARTS];
    /* Invalidate first so a concurrent reader never pairs old start with
     * a half-written snapshot. */
    __atomic_store_n(&p->start, UINT64_MAX, __ATOMIC_RELEASE);
    p->epoch = vclock_get(&t->clock, t->slot);
    /* Keep the innermost frames: a report needs those; the outermost ones
     * of a very deep stack are dropped (and counted by replay). */
    uint32_t keep = t->depth < TRACE_PART_STACK ? t->depth : TRACE_PART_STACK;
    p->depth = t->depth;
    p->kept = keep;
    for (uint32_t i = 0; i < keep; i++)
        p->stack[i] = thread_frame(t, t->depth - keep + i);
    p->held = t->held;
    __atomic_store_n(&p->start, pos, __ATOMIC_RELEASE);
    tr->next_part = (pos / size + 1) * size;
}

/*
 * Replay state: the stack as it was at the event being looked at. Frames
 * below `base` are unknown (not kept in the snapshot); stack[i] holds frame
 * base + i.
 */
struct replay {
    uint64_t epoch;
    uint32_t depth, base;
    uintptr_t stack[256];
    struct held_set held;
};

/* Push a frame; past 256 known frames the outermost one is dropped (the
 * innermost are what a report shows). */
static void replay_push(struct replay *r, uintptr_t pc)
{
    if (r->depth - r->base == 256) {
        for (uint32_t i = 1; i < 256; i++)
            r->stack[i - 1] = r->stack[i];
        r->base++;
    }
    r->stack[r->depth - r->base] = pc;
    r->depth++;
}

static void replay_pop(struct replay *r)
{
    if (!r->depth)
        return;
    r->depth--;
    if (r->depth < r->base)
        r->base = r->depth;
}

static int bytes_overlap(uintptr_t a, uint64_t size, uintptr_t granule, unsigned mask)
{
    uintptr_t lo = a > granule ? a : granule;
    uintptr_t hi = a + size < granule + 8 ? a + size : granule + 8;
    if (lo >= hi)
        return 0;
    return (cell_bytes((unsigned)(lo - granule), (unsigned)(hi - lo)) & mask) != 0;
}

static const struct trace_part *oldest_part(const struct trace *tr, uint64_t pos_end)
{
    uint64_t lo = pos_end > tr->cap ? pos_end - tr->cap : 0;
    const struct trace_part *best = 0;
    for (int i = 0; i < TRACE_PARTS; i++) {
        uint64_t s = __atomic_load_n(&tr->parts[i].start, __ATOMIC_ACQUIRE);
        if (s != UINT64_MAX && s >= lo && s <= pos_end && (!best || s < best->start))
            best = &tr->parts[i];
    }
    return best;
}

static void record_hit(struct trace_hit *hit, const struct replay *r, uintptr_t pc, uintptr_t a)
{
    hit->found = 1;
    hit->pc = pc;
    hit->addr = a;
    uint32_t known = r->depth - r->base;
    hit->depth = known < 256 ? known : 256;
    for (uint32_t i = 0; i < hit->depth; i++)
        hit->stack[i] = r->stack[i];
    hit->held = r->held;
    hit->missing = r->base;
}

static void replay_other(struct replay *r, uint64_t w)
{
    uint64_t arg = w >> 8;
    switch ((w >> 2) & 63) {
    case EVO_EPOCH:
        r->epoch = arg;
        break;
    case EVO_STACK_RESET:
        r->depth = r->base = 0;
        r->held.n = 0;
        break;
    case EVO_LOCK:
        held_add(&r->held, (uintptr_t)arg);
        break;
    case EVO_UNLOCK:
        held_remove(&r->held, (uintptr_t)arg);
        break;
    }
}

/* 2 KiB: kept off the stack and out of static TLS (small thread stacks
 * hold the static TLS, thread.h). Its only user is the report path, which
 * runs one report at a time (report_lock). */
static struct replay r;

void trace_find(struct trace *tr, uint64_t epoch, uintptr_t granule, unsigned mask, uint64_t kind,
                struct trace_hit *hit)
{
    hit->found = 0;
    uint64_t pos_end = __atomic_load_n(&tr->pos, __ATOMIC_ACQUIRE);
    const struct trace_part *part = oldest_part(tr, pos_end);
    if (!part)
        return;
    uint64_t start = part->start;
    r.epoch = part->epoch;
    r.depth = part->depth;
    r.base = part->depth - part->kept;
    for (uint32_t i = 0; i < part->kept; i++)
        r.stack[i] = part->stack[i];
    r.held = part->held;
    uint64_t m = tr->cap - 1;
    for (uint64_t p = start; p < pos_end;) {
        uint64_t w = tr->ring[p & m];
        switch (w & EV_TYPE_MASK) {
        case EV_ACCESS: {
            uintptr_t pc = tr->ring[(p + 1) & m];
            uintptr_t a = w >> EVA_ADDR_SHIFT;
            uint64_t size;
            if (w & EVA_RANGE) {
                size = tr->ring[(p + 2) & m];
                p += 3;
            } else {
                size = 1ull << ((w >> EVA_SIZELOG_SHIFT) & 3);
                p += 2;
            }
            if (r.epoch == epoch && (w & (EVA_READ | EVA_ATOMIC | EVA_FREE)) == kind &&
                bytes_overlap(a, size, granule, mask))
                record_hit(hit, &r, pc, a);
            break;
        }
        case EV_ENTRY:
            replay_push(&r, (uintptr_t)(w >> 2));
            p++;
            break;
        case EV_EXIT:
            replay_pop(&r);
            p++;
            break;
        default:
            replay_other(&r, w);
            p++;
            break;
        }
        if (r.epoch > epoch)
            break;
    }
    /* The owner kept writing while we read: anything older than one ring
     * behind its position now may have been overwritten. */
    uint64_t pos_now = __atomic_load_n(&tr->pos, __ATOMIC_ACQUIRE);
    if (pos_now > tr->cap && pos_now - tr->cap > start)
        hit->found = 0;
}
