/*
 * atomic.c - the __tsan_atomic* entry points: perform the real atomic
 * operation and tell the detector about it.
 *
 * Each operation is an atomic access for race checking (atomics never race
 * with atomics, but do with plain accesses), plus happens-before according
 * to its memory order (consume counts as acquire). The clock an address
 * carries is the one its latest store carries to an acquire reading it;
 * relseq.c models how stores and read-modify-writes continue or end
 * release sequences. A compare-exchange that fails wrote nothing: it is a
 * load with the failure order.
 *
 * Publication and visibility are one step: an operation that publishes a
 * clock (release, or after a release fence) or that reads or stores an
 * address with a sync object runs the real operation with the address's
 * sync lock held, so an acquire gets the clock of exactly the store it
 * read, never a later one, and a release's clock is never seen with the
 * value before it. Relaxed operations on addresses that never had a sync
 * object (sync_maybe) take no lock, nor do loads of an address whose clock
 * has not changed since the thread last took it (the seen cache below).
 *
 * The real operation always uses seq_cst: stronger than asked, never
 * weaker, and the same instructions on x86-64 except for stores.
 */
#include "access.h"
#include "sync.h"

typedef unsigned char a8;
typedef unsigned short a16;
typedef unsigned int a32;
typedef unsigned long long a64;
typedef unsigned __int128 a128;

enum { MO_RELAXED, MO_CONSUME, MO_ACQUIRE, MO_RELEASE, MO_ACQ_REL, MO_SEQ_CST };

/* gcc passes HLE and MEMMODEL_SYNC bits above the order: drop them. */
static inline int mo_clean(int mo)
{
    mo &= 0xff;
    return mo > MO_SEQ_CST ? MO_SEQ_CST : mo;
}

static inline int mo_acquires(int mo)
{
    return mo == MO_CONSUME || mo == MO_ACQUIRE || mo == MO_ACQ_REL || mo == MO_SEQ_CST;
}

static inline int mo_releases(int mo)
{
    return mo == MO_RELEASE || mo == MO_ACQ_REL || mo == MO_SEQ_CST;
}

/* The calling thread, if the runtime should look at this operation. */
static inline struct crace_thread *atomic_thread(void)
{
    struct crace_thread *t = thread_current();
    return (t && !t->in_rt) ? t : 0;
}

/* A store or RMW that releases, or comes after t's release fence, gives the
 * address a clock: it needs a sync object. */
static inline int publishes(const struct crace_thread *t, int release)
{
    return release || t->has_fence_clock;
}

/* Does the operation run under the address's lock? Not when t records no
 * synchronization, nor when it publishes nothing to an address that never
 * had a sync object (nothing to pick up, nothing to keep). */
static inline int locked_path(const struct crace_thread *t, uintptr_t a, int publish)
{
    return !t->ignore_sync && (publish || sync_maybe(a));
}

/*
 * Take the address's lock for the real operation; an operation that may
 * publish creates the address's object first (see sync_atomic_lock). The
 * address is touched first, so that a fault (a handler that maps the page,
 * or longjmps away) happens before the lock is held, never while it is. The
 * write probe is an atomic no-op: it cannot change what any thread reads.
 */
static inline struct sync_obj *lock_for(uintptr_t a, int writes, int publish, int change)
{
    if (writes)
        __atomic_fetch_or((volatile unsigned char *)a, 0, __ATOMIC_RELAXED);
    else
        (void)__atomic_load_n((volatile unsigned char *)a, __ATOMIC_RELAXED);
    return sync_atomic_lock(a, publish, change);
}

/*
 * A lockless read (the address had no sync object) finds the address's
 * filter bit set afterwards: an object appeared meanwhile, maybe created by
 * the very store it read (which sets the bit before storing). Pick up what
 * the object holds now: at worst a later store's clock too, which can hide
 * a race but never invent one.
 */
static RT_NOINLINE void read_late(struct crace_thread *t, uintptr_t a, int acquire)
{
    struct sync_obj *s = sync_atomic_lock(a, 0, 0);
    if (s)
        sync_atomic_read(t, s, acquire);
    sync_atomic_unlock(a, 0);
}

/* After a lockless read-like operation: see read_late. */
static inline void check_late(struct crace_thread *t, uintptr_t a, int acquire)
{
    if (unlikely(!t->ignore_sync && sync_maybe(a)))
        read_late(t, a, acquire);
}

/* After a locked store or RMW that wrote: t's part in the address's clock
 * (s is NULL only if the operation publishes nothing and there is none). */
static inline void wrote(struct crace_thread *t, struct sync_obj *s, int release, int rmw)
{
    if (!s)
        return;
    if (rmw)
        sync_atomic_rmw(t, s, release);
    else
        sync_atomic_store(t, s, release);
}

/* Leave the locked path; a release starts t's next epoch. */
static inline void unlock_after(struct crace_thread *t, uintptr_t a, int change, int released)
{
    sync_atomic_unlock(a, change);
    if (released)
        thread_tick(t);
}

/*
 * Loads of an address with a sync object: t remembers, per address, the
 * version (sync.h) at which it last took the address's clock. If the
 * address's group is at that version before and after the load, the value
 * loaded carries a clock t already has: no lock. Only loads: they can be
 * redone under the lock when the version moved meanwhile. A signal handler
 * running loads on t may update the entries while t reads one: the
 * generation tells.
 */
struct seen_check {
    uint32_t version;
    unsigned gen;
};

static inline struct atomic_seen *seen_slot(struct crace_thread *t, uintptr_t a)
{
    return &t->atomic_seen[((a >> 3) ^ (a >> 12)) % THREAD_ATOMIC_SEEN];
}

static inline int seen_current(struct crace_thread *t, uintptr_t a, int acquire,
                               struct seen_check *c)
{
    struct atomic_seen *e = seen_slot(t, a);
    c->gen = __atomic_load_n(&t->atomic_seen_gen, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    c->version = __atomic_load_n(sync_version_of(a), __ATOMIC_ACQUIRE);
    return e->addr == a && e->version == c->version && (e->acquired || !acquire);
}

/* After the load: did no change of the group begin meanwhile, and did no
 * handler rewrite the entry? */
static inline int seen_still(struct crace_thread *t, uintptr_t a, const struct seen_check *c)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return __atomic_load_n(sync_version_of(a), __ATOMIC_RELAXED) == c->version &&
           __atomic_load_n(&t->atomic_seen_gen, __ATOMIC_RELAXED) == c->gen;
}

/* With a's lock held, after taking its clock (acquire: into t's clock). */
static inline void seen_note(struct crace_thread *t, uintptr_t a, int acquire)
{
    struct atomic_seen *e = seen_slot(t, a);
    uint32_t v = *sync_version_of(a);
    __atomic_store_n(&t->atomic_seen_gen, t->atomic_seen_gen + 1, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (e->addr == a && e->version == v) {
        e->acquired |= acquire;
    } else {
        e->addr = a;
        e->version = v;
        e->acquired = acquire;
    }
}

/* 128-bit operations use cmpxchg16b (built with -mcx16), never libatomic. */
static inline a128 cas128(volatile a128 *a, a128 expected, a128 desired)
{
    return __sync_val_compare_and_swap(a, expected, desired);
}

static inline a128 load128(volatile a128 *a)
{
    return cas128(a, 0, 0);
}

static inline a128 rmw128(volatile a128 *a, a128 v, int op)
{
    a128 old = load128(a);
    for (;;) {
        a128 nv;
        switch (op) {
        case 0:
            nv = v;
            break;
        case 1:
            nv = old + v;
            break;
        case 2:
            nv = old - v;
            break;
        case 3:
            nv = old & v;
            break;
        case 4:
            nv = old | v;
            break;
        case 5:
            nv = old ^ v;
            break;
        default:
            nv = ~(old & v);
            break;
        }
        a128 seen = cas128(a, old, nv);
        if (seen == old)
            return old;
        old = seen;
    }
}

/*
 * One width's worth of entry points. The locked path, in every operation:
 * lock_for, the real operation, what it read (sync_atomic_read), what it
 * wrote (wrote), unlock_after.
 */
#define DEFINE_ATOMICS(N, T, LOADX, STOREX, XCHG, ADD, SUB, AND, OR, XOR, NAND)                    \
    RT_EXPORT T __tsan_atomic##N##_load(const volatile T *a, int mo)                               \
    {                                                                                              \
        struct crace_thread *t = atomic_thread();                                                  \
        if (!t)                                                                                    \
            return LOADX(a);                                                                       \
        uintptr_t pc = RT_CALLER_PC(), p = (uintptr_t)a;                                           \
        int acq = mo_acquires(mo_clean(mo));                                                       \
        T v;                                                                                       \
        if (!locked_path(t, p, 0)) {                                                               \
            v = LOADX(a);                                                                          \
            check_late(t, p, acq);                                                                 \
        } else {                                                                                   \
            struct seen_check seen;                                                                \
            int done = 0;                                                                          \
            if (seen_current(t, p, acq, &seen)) {                                                  \
                v = LOADX(a);                                                                      \
                done = seen_still(t, p, &seen);                                                    \
            }                                                                                      \
            if (!done) {                                                                           \
                /* a 128-bit load is a cmpxchg16b: it writes */                                    \
                struct sync_obj *s = lock_for(p, sizeof(T) == 16, 0, 0);                           \
                v = LOADX(a);                                                                      \
                if (s)                                                                             \
                    sync_atomic_read(t, s, acq);                                                   \
                seen_note(t, p, acq);                                                              \
                unlock_after(t, p, 0, 0);                                                          \
            }                                                                                      \
        }                                                                                          \
        access_sized(t, p, sizeof(T), CELL_ATOMIC | CELL_READ, pc);                                \
        return v;                                                                                  \
    }                                                                                              \
    RT_EXPORT void __tsan_atomic##N##_store(volatile T *a, T v, int mo)                            \
    {                                                                                              \
        struct crace_thread *t = atomic_thread();                                                  \
        if (!t) {                                                                                  \
            STOREX(a, v);                                                                          \
            return;                                                                                \
        }                                                                                          \
        uintptr_t p = (uintptr_t)a;                                                                \
        int rel = mo_releases(mo_clean(mo)), pub = publishes(t, rel);                              \
        access_sized(t, p, sizeof(T), CELL_ATOMIC, RT_CALLER_PC());                                \
        if (!locked_path(t, p, pub)) {                                                             \
            STOREX(a, v);                                                                          \
            return;                                                                                \
        }                                                                                          \
        struct sync_obj *s = lock_for(p, 1, pub, 1);                                               \
        STOREX(a, v);                                                                              \
        wrote(t, s, rel, 0);                                                                       \
        unlock_after(t, p, 1, rel);                                                                \
    }                                                                                              \
    DEFINE_RMW(N, T, exchange, XCHG)                                                               \
    DEFINE_RMW(N, T, fetch_add, ADD)                                                               \
    DEFINE_RMW(N, T, fetch_sub, SUB)                                                               \
    DEFINE_RMW(N, T, fetch_and, AND)                                                               \
    DEFINE_RMW(N, T, fetch_or, OR)                                                                 \
    DEFINE_RMW(N, T, fetch_xor, XOR)                                                               \
    DEFINE_RMW(N, T, fetch_nand, NAND)                                                             \
    RT_EXPORT T __tsan_atomic##N##_compare_exchange_val(volatile T *a, T expected, T desired,      \
                                                        int mo, int fmo)                           \
    {                                                                                              \
        return cas_op##N(a, expected, desired, mo, fmo, RT_CALLER_PC());                           \
    }                                                                                              \
    RT_EXPORT int __tsan_atomic##N##_compare_exchange_strong(volatile T *a, T *expected,           \
                                                             T desired, int mo, int fmo)           \
    {                                                                                              \
        return cas_flag##N(a, expected, desired, mo, fmo, RT_CALLER_PC());                         \
    }                                                                                              \
    /* never fails spuriously: a weak CAS that fails has read a different value */                 \
    RT_EXPORT int __tsan_atomic##N##_compare_exchange_weak(volatile T *a, T *expected, T desired,  \
                                                           int mo, int fmo)                        \
    {                                                                                              \
        return cas_flag##N(a, expected, desired, mo, fmo, RT_CALLER_PC());                         \
    }

/* A read-modify-write reads the latest value and writes the next one. */
#define DEFINE_RMW(N, T, NAME, OP)                                                                 \
    RT_EXPORT T __tsan_atomic##N##_##NAME(volatile T *a, T v, int mo)                              \
    {                                                                                              \
        struct crace_thread *t = atomic_thread();                                                  \
        if (!t)                                                                                    \
            return OP(a, v);                                                                       \
        uintptr_t p = (uintptr_t)a;                                                                \
        mo = mo_clean(mo);                                                                         \
        int rel = mo_releases(mo), acq = mo_acquires(mo), pub = publishes(t, rel);                 \
        access_sized(t, p, sizeof(T), CELL_ATOMIC, RT_CALLER_PC());                                \
        T old;                                                                                     \
        if (!locked_path(t, p, pub)) {                                                             \
            old = OP(a, v);                                                                        \
            check_late(t, p, acq);                                                                 \
            return old;                                                                            \
        }                                                                                          \
        /* without publishing, an RMW carries on what the address carries */                       \
        struct sync_obj *s = lock_for(p, 1, pub, pub);                                             \
        old = OP(a, v);                                                                            \
        if (s)                                                                                     \
            sync_atomic_read(t, s, acq);                                                           \
        wrote(t, s, rel, 1);                                                                       \
        unlock_after(t, p, pub, rel);                                                              \
        return old;                                                                                \
    }

/*
 * compare-exchange, the three entry points' body: on success a
 * read-modify-write with order mo, on failure only a load with order fmo
 * (which may be the stronger of the two).
 */
#define DEFINE_CAS(N, T, CASX)                                                                     \
    static inline __attribute__((always_inline))                                                   \
    T cas_op##N(volatile T *a, T expected, T desired, int mo, int fmo, uintptr_t pc)               \
    {                                                                                              \
        struct crace_thread *t = atomic_thread();                                                  \
        if (!t)                                                                                    \
            return CASX(a, expected, desired);                                                     \
        uintptr_t p = (uintptr_t)a;                                                                \
        mo = mo_clean(mo);                                                                         \
        fmo = mo_clean(fmo);                                                                       \
        int rel = mo_releases(mo), pub = publishes(t, rel);                                        \
        T seen;                                                                                    \
        int ok;                                                                                    \
        if (!locked_path(t, p, pub)) {                                                             \
            seen = CASX(a, expected, desired);                                                     \
            ok = seen == expected;                                                                 \
            check_late(t, p, mo_acquires(ok ? mo : fmo));                                          \
        } else {                                                                                   \
            /* the object is made before the outcome is known: a success's value                   \
             * must never be visible before the address's sync_maybe bit */                        \
            struct sync_obj *s = lock_for(p, 1, pub, pub);                                         \
            seen = CASX(a, expected, desired);                                                     \
            ok = seen == expected;                                                                 \
            if (s)                                                                                 \
                sync_atomic_read(t, s, mo_acquires(ok ? mo : fmo));                                \
            if (ok)                                                                                \
                wrote(t, s, rel, 1);                                                               \
            unlock_after(t, p, pub, ok ? rel : 0);                                                 \
        }                                                                                          \
        access_sized(t, p, sizeof(T), CELL_ATOMIC | (ok ? 0 : CELL_READ), pc);                     \
        return seen;                                                                               \
    }                                                                                              \
    /* the strong and weak forms: success as a flag, *expected updated on failure */               \
    static inline __attribute__((always_inline)) int cas_flag##N(                                  \
        volatile T *a, T *expected, T desired, int mo, int fmo, uintptr_t pc)                      \
    {                                                                                              \
        T want = *expected;                                                                        \
        T seen = cas_op##N(a, want, desired, mo, fmo, pc);                                         \
        if (seen == want)                                                                          \
            return 1;                                                                              \
        *expected = seen;                                                                          \
        return 0;                                                                                  \
    }

#define XCHG_N(a, v) __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST)
#define ADD_N(a, v) __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST)
#define SUB_N(a, v) __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST)
#define AND_N(a, v) __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST)
#define OR_N(a, v) __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST)
#define XOR_N(a, v) __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST)
#define NAND_N(a, v) __atomic_fetch_nand(a, v, __ATOMIC_SEQ_CST)
#define CAS_N(a, e, d) __sync_val_compare_and_swap(a, e, d)
#define LOAD_N(a) __atomic_load_n(a, __ATOMIC_SEQ_CST)
#define STORE_N(a, v) __atomic_store_n(a, v, __ATOMIC_SEQ_CST)

#define LOAD_128(a) load128((volatile a128 *)(a))
#define STORE_128(a, v) rmw128(a, v, 0)
#define XCHG_128(a, v) rmw128(a, v, 0)
#define ADD_128(a, v) rmw128(a, v, 1)
#define SUB_128(a, v) rmw128(a, v, 2)
#define AND_128(a, v) rmw128(a, v, 3)
#define OR_128(a, v) rmw128(a, v, 4)
#define XOR_128(a, v) rmw128(a, v, 5)
#define NAND_128(a, v) rmw128(a, v, 6)
#define CAS_128(a, e, d) cas128(a, e, d)

#define DEFINE_WIDTH(N, T)                                                                         \
    DEFINE_CAS(N, T, CAS_N)                                                                        \
    DEFINE_ATOMICS(N, T, LOAD_N, STORE_N, XCHG_N, ADD_N, SUB_N, AND_N, OR_N, XOR_N, NAND_N)

DEFINE_WIDTH(8, a8)
DEFINE_WIDTH(16, a16)
DEFINE_WIDTH(32, a32)
DEFINE_WIDTH(64, a64)
DEFINE_CAS(128, a128, CAS_128)
DEFINE_ATOMICS(128, a128, LOAD_128, STORE_128, XCHG_128, ADD_128, SUB_128, AND_128, OR_128, XOR_128,
               NAND_128)

/*
 * Fences (C11 7.17.4). A release fence F followed by an atomic store or
 * RMW X synchronizes with an acquire that reads X's value (or one of the
 * release sequence X would head), or with an acquire fence after a relaxed
 * read of it. F snapshots the thread's clock; every later relaxed store or
 * RMW publishes that snapshot as the thread's part of the address's clock.
 * Every relaxed read (load, RMW, failed compare-exchange) joins the clock
 * carried by the value it read into fence_pending, under the same lock as
 * the read; an acquire fence joins fence_pending into the thread's clock.
 * A seq_cst fence is both; its extra ordering of seq_cst operations adds no
 * happens-before edge.
 */
RT_EXPORT void __tsan_atomic_thread_fence(int mo)
{
    mo = mo_clean(mo);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    struct crace_thread *t = atomic_thread();
    if (!t || t->ignore_sync)
        return;
    rt_signals_defer(); /* a handler's atomics must not see the clocks half-updated */
    if (mo_acquires(mo) && t->has_fence_pending) {
        /* fence_pending is in the clock now: later reads join on top of it */
        vclock_join(&t->clock, &t->fence_pending);
        t->has_fence_pending = 0;
    }
    if (mo_releases(mo)) {
        vclock_copy(&t->fence_clock, &t->clock);
        t->has_fence_clock = 1;
        thread_tick(t);
    }
    rt_signals_undefer();
}

/* Orders a thread with its own signal handlers only: no edge between threads. */
RT_EXPORT void __tsan_atomic_signal_fence(int mo)
{
    (void)mo;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
