/*
 * lockstack.h - what each thread holds, with where it took each lock: the
 * state the lock tools share (lockgraph.c for lock order, lockcheck.c for
 * misuse), kept by locktools.c from the lock events.
 *
 * One record per thread slot (thread.h), made at the slot's first lock and
 * kept for the slot's later threads (reset when one starts): other threads
 * may read a record (who holds this lock?) at any time without it going
 * away. Entries are written by their thread only; readers from other
 * threads see a consistent count, and entries that may be changing: only
 * reports read them, for a thread that holds the lock they ask about.
 */
#ifndef CRACE_LOCKSTACK_H
#define CRACE_LOCKSTACK_H

#include "events.h"

#define LS_MAX 32   /* locks a thread holds at once that are kept */
#define LS_STACK 16 /* frames of an acquisition kept */

struct ls_entry {
    uintptr_t addr;
    unsigned flags;            /* EV_READ, EV_TRY */
    uint32_t node;             /* lockgraph's id of the lock, 0 until looked up */
    uint32_t depth;            /* frames in stack */
    uintptr_t stack[LS_STACK]; /* where it was taken, innermost first */
};

struct ls_thread {
    struct crace_thread *t; /* the slot's current (or last) thread */
    uint32_t uid;
    int finished;  /* t finished: t may be freed */
    uint32_t n;    /* entries in use, oldest first */
    uint32_t lost; /* locks held past LS_MAX, not kept */
    struct ls_entry e[LS_MAX];
};

/* A thread starts on its slot (it holds nothing) / finished (what it held
 * stays listed: held forever by a dead owner). */
void lockstack_started(struct crace_thread *t);
void lockstack_finished(struct crace_thread *t);
/* t took the lock at addr at pc (flags: EV_READ, EV_TRY). */
void lockstack_push(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc);
/* t's record; NULL if t's slot never held a lock. */
extern struct ls_thread *lockstack_by_slot[CELL_MAX_SLOTS];
static inline struct ls_thread *lockstack_of(const struct crace_thread *t)
{
    return __atomic_load_n(&lockstack_by_slot[t->slot], __ATOMIC_ACQUIRE);
}

/* Does t hold any lock (that is kept)? */
static inline int lockstack_any(const struct crace_thread *t)
{
    struct ls_thread *ls = lockstack_of(t);
    return ls && (ls->n || ls->lost);
}
/* t releases addr: its newest entry goes. 0 if t certainly did not hold it
 * (no entry, and no lock past LS_MAX that it might be). Locks are mostly
 * released newest first: that one is found at once. */
int lockstack_pop_slow(struct crace_thread *t, uintptr_t addr);
static inline int lockstack_pop(struct crace_thread *t, uintptr_t addr)
{
    struct ls_thread *ls = lockstack_of(t);
    if (likely(ls && ls->n && ls->e[ls->n - 1].addr == addr)) {
        __atomic_store_n(&ls->n, ls->n - 1, __ATOMIC_RELEASE);
        return 1;
    }
    return lockstack_pop_slow(t, addr);
}

/* t's newest entry for addr, or NULL. */
struct ls_entry *lockstack_find(const struct crace_thread *t, uintptr_t addr);
/* Drop t's newest entry for addr (t is the caller): 1 if there was one. */
int lockstack_drop(struct crace_thread *t, uintptr_t addr);
/* A thread other than `self` whose record says it holds addr, with a copy
 * of its entry; NULL if none. */
struct ls_thread *lockstack_holder(uintptr_t addr, const struct crace_thread *self,
                                   struct ls_entry *copy);

#endif
