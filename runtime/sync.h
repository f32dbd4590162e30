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
/* fork(): hold every shard lock across the real fork. */
void sync_fork_prepare(void);
void sync_fork_done(void);
/* Forget sync objects in [addr, addr+size): memory freed or unmapped. */
void sync_forget(uintptr_t addr, size_t size);

#endif
