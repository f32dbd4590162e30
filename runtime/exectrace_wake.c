/*
 * exectrace_wake.c - the wake-up table behind the trace's flow arrows
 * (exectrace_wake.h).
 */
#include "exectrace_wake.h"
#include "events.h"
#include "rt.h"

#include <sched.h>

#define XW_BITS 14
#define XW_SLOTS (1u << XW_BITS)
#define XW_RING 4
#define XW_SPINS 4096 /* tries before giving a slot up */

struct xw_slot {
    uintptr_t key;
    int lock;
    uint32_t next; /* ring position of the next wake-up */
    struct xw_wake ring[XW_RING];
};

static struct xw_slot *table; /* XW_SLOTS, zero pages until used */

void xw_init(void)
{
    table = rt_map(XW_SLOTS * sizeof *table);
}

void xw_after_fork(void)
{
    struct xw_slot *old = table;
    xw_init();
    rt_unmap(old, XW_SLOTS * sizeof *table);
}

static struct xw_slot *slot_of(uintptr_t key)
{
    return &table[(uint32_t)((key >> 3) * 0x9e3779b97f4a7c15ull >> (64 - XW_BITS))];
}

/* Lock the slot, signals deferred; 0 when it could not be had. */
static int slot_lock(struct xw_slot *s)
{
    rt_signals_defer();
    for (int i = 0; i < XW_SPINS; i++) {
        if (!__atomic_load_n(&s->lock, __ATOMIC_RELAXED) &&
            !__atomic_exchange_n(&s->lock, 1, __ATOMIC_ACQUIRE))
            return 1;
        if (i > 64)
            sched_yield();
        else
            __builtin_ia32_pause();
    }
    rt_signals_undefer();
    return 0;
}

static void slot_unlock(struct xw_slot *s)
{
    __atomic_store_n(&s->lock, 0, __ATOMIC_RELEASE);
    rt_signals_undefer();
}

void xw_note(uintptr_t key, int how, uint32_t tid, uint32_t uid, uint64_t ts)
{
    struct xw_slot *s = slot_of(key);
    if (!slot_lock(s))
        return;
    if (s->key != key) { /* a new object (or a collision): forget the old one */
        for (int i = 0; i < XW_RING; i++)
            __atomic_store_n(&s->ring[i].ts, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&s->key, key, __ATOMIC_RELAXED);
        s->next = 0;
    }
    struct xw_wake *w = &s->ring[s->next++ % XW_RING];
    __atomic_store_n(&w->ts, ts, __ATOMIC_RELAXED);
    w->tid = tid;
    __atomic_store_n(&w->uid, uid, __ATOMIC_RELAXED);
    w->how = (uint8_t)how;
    w->claims = 0;
    slot_unlock(s);
}

static int claimable(const struct xw_wake *w, uint64_t since, uint32_t self_uid)
{
    return w->ts && w->ts >= since && w->uid != self_uid;
}

/* Is there, without locking, a wake-up that may be claimed? Most lock
 * waits are not contended (no release by another thread since they
 * began): they end here, without writing the slot's line. Torn reads only
 * make this say "maybe". */
static int maybe_claimable(const struct xw_slot *s, uintptr_t key, uint64_t since,
                           uint32_t self_uid)
{
    if (__atomic_load_n(&s->key, __ATOMIC_RELAXED) != key)
        return 0;
    for (int i = 0; i < XW_RING; i++) {
        const struct xw_wake *w = &s->ring[i];
        if (__atomic_load_n(&w->ts, __ATOMIC_RELAXED) >= since &&
            __atomic_load_n(&w->uid, __ATOMIC_RELAXED) != self_uid)
            return 1;
    }
    return 0;
}

int xw_claim(uintptr_t key, uint64_t since, int fifo, uint32_t self_uid, struct xw_wake *out)
{
    struct xw_slot *s = slot_of(key);
    if (!maybe_claimable(s, key, since, self_uid) || !slot_lock(s))
        return 0;
    struct xw_wake *best = 0;
    for (int i = 0; s->key == key && i < XW_RING; i++) {
        struct xw_wake *w = &s->ring[i];
        if (!claimable(w, since, self_uid))
            continue;
        if (fifo && w->claims && w->how != EV_WAKE_BROADCAST)
            continue; /* that signal or post already woke another waiter */
        if (!best || (fifo ? w->ts < best->ts : w->ts > best->ts))
            best = w;
    }
    if (best) {
        *out = *best;
        if (best->claims < 255)
            best->claims++;
    }
    slot_unlock(s);
    return best != 0;
}
