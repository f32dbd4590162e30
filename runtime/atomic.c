/*
 * atomic.c - the __tsan_atomic* entry points: perform the real atomic
 * operation and tell the detector about it.
 *
 * Each operation is an atomic access for race checking (atomics never race
 * with atomics, but do with plain accesses), plus happens-before according
 * to its memory order: a release publishes the thread's clock on the
 * address before the value becomes visible, an acquire picks the published
 * clock up after the value was read. Read-modify-writes join into the
 * published clock instead of replacing it, so they continue release
 * sequences.
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

static void before_store(struct crace_thread *t, volatile void *a, unsigned size, int mo,
                         int is_rmw, uintptr_t pc)
{
    access_sized(t, (uintptr_t)a, size, CELL_ATOMIC, pc);
    if (mo_releases(mo)) {
        if (is_rmw)
            sync_release(t, (uintptr_t)a);
        else
            sync_release_store(t, (uintptr_t)a);
    } else {
        /* A relaxed store ends other threads' release sequences on a (a
         * relaxed read-modify-write continues them); after a release fence
         * it carries the fence's clock. */
        if (!is_rmw)
            sync_clear((uintptr_t)a);
        if (t->has_fence_clock)
            sync_release_clock(t, (uintptr_t)a, &t->fence_clock);
    }
}

static void after_load(struct crace_thread *t, const volatile void *a, unsigned size, int mo,
                       int is_rmw, uintptr_t pc)
{
    if (!is_rmw)
        access_sized(t, (uintptr_t)a, size, CELL_ATOMIC | CELL_READ, pc);
    if (mo_acquires(mo)) {
        sync_acquire(t, (uintptr_t)a);
    } else {
        /* remembered for a later acquire fence */
        t->relaxed_loads[t->relaxed_next++ % 8] = (uintptr_t)a;
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

/* One width's worth of entry points. */
#define DEFINE_ATOMICS(N, T, LOADX, STOREX, XCHG, ADD, SUB, AND, OR, XOR, NAND, CASX)              \
    RT_EXPORT T __tsan_atomic##N##_load(const volatile T *a, int mo)                               \
    {                                                                                              \
        mo = mo_clean(mo);                                                                         \
        struct crace_thread *t = atomic_thread();                                                  \
        T v = LOADX(a);                                                                            \
        if (t)                                                                                     \
            after_load(t, a, sizeof(T), mo, 0, RT_CALLER_PC());                                    \
        return v;                                                                                  \
    }                                                                                              \
    RT_EXPORT void __tsan_atomic##N##_store(volatile T *a, T v, int mo)                            \
    {                                                                                              \
        mo = mo_clean(mo);                                                                         \
        struct crace_thread *t = atomic_thread();                                                  \
        if (t)                                                                                     \
            before_store(t, a, sizeof(T), mo, 0, RT_CALLER_PC());                                  \
        STOREX(a, v);                                                                              \
    }                                                                                              \
    DEFINE_RMW(N, T, exchange, XCHG)                                                               \
    DEFINE_RMW(N, T, fetch_add, ADD)                                                               \
    DEFINE_RMW(N, T, fetch_sub, SUB)                                                               \
    DEFINE_RMW(N, T, fetch_and, AND)                                                               \
    DEFINE_RMW(N, T, fetch_or, OR)                                                                 \
    DEFINE_RMW(N, T, fetch_xor, XOR)                                                               \
    DEFINE_RMW(N, T, fetch_nand, NAND)                                                             \
    RT_EXPORT int __tsan_atomic##N##_compare_exchange_strong(volatile T *a, T *expected,           \
                                                             T desired, int mo, int fmo)           \
    {                                                                                              \
        T want = *expected;                                                                        \
        T seen = __tsan_atomic##N##_compare_exchange_val(a, want, desired, mo, fmo);               \
        if (seen == want)                                                                          \
            return 1;                                                                              \
        *expected = seen;                                                                          \
        return 0;                                                                                  \
    }                                                                                              \
    RT_EXPORT int __tsan_atomic##N##_compare_exchange_weak(volatile T *a, T *expected, T desired,  \
                                                           int mo, int fmo)                        \
    {                                                                                              \
        return __tsan_atomic##N##_compare_exchange_strong(a, expected, desired, mo, fmo);          \
    }

#define DEFINE_RMW(N, T, NAME, OP)                                                                 \
    RT_EXPORT T __tsan_atomic##N##_##NAME(volatile T *a, T v, int mo)                              \
    {                                                                                              \
        mo = mo_clean(mo);                                                                         \
        struct crace_thread *t = atomic_thread();                                                  \
        if (t)                                                                                     \
            before_store(t, a, sizeof(T), mo, 1, RT_CALLER_PC());                                  \
        T old = OP(a, v);                                                                          \
        if (t)                                                                                     \
            after_load(t, a, sizeof(T), mo, 1, RT_CALLER_PC());                                    \
        return old;                                                                                \
    }

/* compare_exchange_val: the primitive the other two CAS forms use. */
#define DEFINE_CAS_VAL(N, T, CASX)                                                                 \
    RT_EXPORT T __tsan_atomic##N##_compare_exchange_val(volatile T *a, T expected, T desired,      \
                                                        int mo, int fmo)                           \
    {                                                                                              \
        mo = mo_clean(mo);                                                                         \
        fmo = mo_clean(fmo);                                                                       \
        struct crace_thread *t = atomic_thread();                                                  \
        uintptr_t pc = RT_CALLER_PC();                                                             \
        if (t && mo_releases(mo))                                                                  \
            sync_release(t, (uintptr_t)a);                                                         \
        T seen = CASX(a, expected, desired);                                                       \
        if (t) {                                                                                   \
            int ok = seen == expected;                                                             \
            access_sized(t, (uintptr_t)a, sizeof(T), CELL_ATOMIC | (ok ? 0 : CELL_READ), pc);      \
            if (mo_acquires(ok ? mo : fmo))                                                        \
                sync_acquire(t, (uintptr_t)a);                                                     \
        }                                                                                          \
        return seen;                                                                               \
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
    DEFINE_CAS_VAL(N, T, CAS_N)                                                                    \
    DEFINE_ATOMICS(N, T, LOAD_N, STORE_N, XCHG_N, ADD_N, SUB_N, AND_N, OR_N, XOR_N, NAND_N, CAS_N)

DEFINE_WIDTH(8, a8)
DEFINE_WIDTH(16, a16)
DEFINE_WIDTH(32, a32)
DEFINE_WIDTH(64, a64)
DEFINE_CAS_VAL(128, a128, CAS_128)
DEFINE_ATOMICS(128, a128, LOAD_128, STORE_128, XCHG_128, ADD_128, SUB_128, AND_128, OR_128, XOR_128,
               NAND_128, CAS_128)

/*
 * Fences (C11 7.17.4): a release fence followed by a relaxed store
 * synchronizes with an acquire operation (or a relaxed load followed by an
 * acquire fence) that reads the stored value. The release fence snapshots
 * the thread's clock, which its later relaxed stores publish; an acquire
 * fence acquires what was published at the addresses of the thread's recent
 * relaxed loads (the last 8). Acquiring the objects' current clocks rather
 * than the ones the loads saw can only add edges: a race may be missed,
 * none is invented.
 */
RT_EXPORT void __tsan_atomic_thread_fence(int mo)
{
    mo = mo_clean(mo);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    struct crace_thread *t = atomic_thread();
    if (!t || t->ignore_sync)
        return;
    if (mo_acquires(mo)) {
        unsigned n = t->relaxed_next < 8 ? t->relaxed_next : 8;
        for (unsigned i = 0; i < n; i++)
            sync_acquire(t, t->relaxed_loads[i]);
        t->relaxed_next = 0;
    }
    if (mo_releases(mo)) {
        vclock_copy(&t->fence_clock, &t->clock);
        t->has_fence_clock = 1;
        thread_tick(t);
    }
}

RT_EXPORT void __tsan_atomic_signal_fence(int mo)
{
    (void)mo;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
