/*
 * sync.h - synchronization objects: the vector clock that a release on an
 * address publishes and a later acquire on the same address picks up.
 * Mutexes, atomics, annotations and thread joins all reduce to these.
 */
#ifndef CRACE_SYNC_H
#define CRACE_SYNC_H

#include "thread.h"

/* Everything t did so far happens before later acquires of addr. */
void sync_release(struct crace_thread *t, uintptr_t addr);
/* t now happens after every release of addr so far. */
void sync_acquire(struct crace_thread *t, uintptr_t addr);

/*
 * Atomic operations (atomic.c): the real operation runs between
 * sync_atomic_lock and sync_atomic_unlock, and tells the object what it
 * did with sync_atomic_read/store/rmw. sync_maybe is the lock-free test
 * that lets most relaxed operations skip all of this.
 */
#define SYNC_ADDR_FILTER_BITS (1u << 18)
extern uint64_t sync_addr_filter[SYNC_ADDR_FILTER_BITS / 64];

static inline unsigned sync_addr_bit(uintptr_t addr)
{
    return (unsigned)((addr * 0x9E3779B97F4A7C15ull) >> 46);
}

/* 0: addr has never had a sync object (set bits are never cleared). */
static inline int sync_maybe(uintptr_t addr)
{
    unsigned b = sync_addr_bit(addr);
    return (__atomic_load_n(&sync_addr_filter[b / 64], __ATOMIC_RELAXED) >> (b % 64)) & 1;
}

/*
 * Versions: one counter per group of addresses (a group lies in one shard),
 * bumped under the shard lock around every operation that may change the
 * clock one of them carries: odd while it is under way, even again once
 * the value and the clock are both in place. A reader that already took an
 * address's clock at version v (atomic.c remembers) and finds the group at
 * v before and after its own load has nothing new to take, lock-free.
 * Releases that are not atomics (mutexes, annotations) step it only in a
 * group some atomic operation has locked (sync.c: version_watched).
 */
#define SYNC_VERSION_BITS 16
extern uint32_t sync_versions[1u << SYNC_VERSION_BITS];

static inline uint32_t *sync_version_of(uintptr_t addr)
{
    return &sync_versions[(addr * 0x9E3779B97F4A7C15ull) >> (64 - SYNC_VERSION_BITS)];
}

struct sync_obj;
/* Take addr's lock; addr's object, created if `create` (which sets addr's
 * sync_maybe bit before the caller's operation touches addr: a lockless
 * reader of the value that operation leaves sees the bit afterwards), else
 * NULL if it has none. `change`: the caller's operation may change what
 * addr carries (its version goes odd until sync_atomic_unlock). */
struct sync_obj *sync_atomic_lock(uintptr_t addr, int create, int change);
void sync_atomic_unlock(uintptr_t addr, int change);
/* t read the latest value of s: an acquire joins the clock that value
 * carries into t's clock, any other read into t->fence_pending (for t's
 * next acquire fence). */
void sync_atomic_read(struct crace_thread *t, struct sync_obj *s, int acquire);
/* t stored to s: a release store (release != 0), else a relaxed one,
 * which carries t's release-fence clock if it has one. */
void sync_atomic_store(struct crace_thread *t, struct sync_obj *s, int release);
/* t's read-modify-write wrote s: a release, else a relaxed one (which only
 * publishes t's release-fence clock, if any). */
void sync_atomic_rmw(struct crace_thread *t, struct sync_obj *s, int release);
/*
 * Locks (mutexes, rwlocks, spinlocks) also remember where they were
 * created (pthread_*_init) or, for statically initialized ones, first
 * taken, for the "Mutex M1 (0x...) created at:" part of reports.
 */
#define LOCK_ORIGIN_STACK 16

struct lock_origin {
    int created;                        /* 1: its init call; 0: its first lock */
    uint32_t uid;                       /* the thread that did it (T number) */
    uint32_t depth;                     /* frames in stack */
    uintptr_t stack[LOCK_ORIGIN_STACK]; /* innermost first */
};

/* t took the lock at addr at pc (flags: EV_READ for reading, EV_TRY for a
 * try operation): sync_acquire, the lock's first-lock origin noted if it
 * has none, and t now holds it (thread_lock_taken, for "Mutexes held" in
 * reports and for the tools). */
void sync_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc);
/* A lock at addr starts its life here (pthread_mutex_init & co). */
void sync_lock_created(struct crace_thread *t, uintptr_t addr, uintptr_t pc);
/* Report path: where the lock at addr came from, copied to *out; 1 if known. */
int sync_lock_origin(uintptr_t addr, struct lock_origin *out);
/*
 * Barriers: one clock per phase (sync.c). pthread_barrier_init tells the
 * count of waiters per phase; an arrival joins t's clock into the current
 * phase and returns that phase, which the same waiter hands to
 * sync_barrier_depart after the real wait to acquire exactly that phase.
 * fallback_count is used when init was never seen.
 */
struct barrier_phase;
void sync_barrier_init(uintptr_t addr, unsigned count);
struct barrier_phase *sync_barrier_arrive(struct crace_thread *t, uintptr_t addr,
                                          unsigned fallback_count);
void sync_barrier_depart(struct crace_thread *t, uintptr_t addr, struct barrier_phase *p);
/*
 * A synchronization object's own bytes (pthread_mutex_t, sem_t, ...) are
 * memory too: init and destroy write them, every other operation reads them
 * atomically (operations never race with each other, only with init,
 * destroy, free and the program's plain accesses). A zero-filled object
 * that was never initialized is only ever read. Both do nothing for calls
 * from a called_from_lib library.
 */
void sync_obj_written(struct crace_thread *t, uintptr_t obj, size_t size, uintptr_t pc);
void sync_obj_used(struct crace_thread *t, uintptr_t obj, uintptr_t pc);
/* fork(): hold every shard lock across the real fork. */
void sync_fork_prepare(void);
void sync_fork_done(void);
/* Forget sync objects in [addr, addr+size): memory freed or unmapped. */
void sync_forget(uintptr_t addr, size_t size);

#endif
