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
/* Like sync_release, but replaces what earlier releases published. */
void sync_release_store(struct crace_thread *t, uintptr_t addr);
/* t now happens after every release of addr so far. */
void sync_acquire(struct crace_thread *t, uintptr_t addr);
/* Publish `c` (a fence snapshot of t) on addr, joining earlier releases. */
void sync_release_clock(struct crace_thread *t, uintptr_t addr, const struct vclock *c);
/* A plain (relaxed) atomic store: earlier releases on addr no longer
 * reach an acquire that reads what comes next (their release sequences end). */
void sync_clear(uintptr_t addr);
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

/* t took the lock at addr (for reading: read != 0): sync_acquire, the
 * lock's first-lock origin noted if it has none, and t now holds it
 * (thread_lock_taken, for "Mutexes held" in reports). */
void sync_lock_taken(struct crace_thread *t, uintptr_t addr, int read, uintptr_t pc);
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
