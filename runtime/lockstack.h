/*
 * lockstack.h - what each thread holds, with where it took each lock: the
 * state the lock tools share (lockgraph.c for lock order, lockcheck.c for
 * misuse). A tool of events.h of its own, on when either of them is, and
 * listed after them: a tool's lock event sees what the thread held before
 * the event.
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
    unsigned flags;            /* EV_READ, EV_TRY, EV_TIMED (a timed call took it) */
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

/* Is the lock stack kept (a lock tool is on)? */
int lockstack_on(void);
/* t's record; NULL if t's slot never held a lock. */
struct ls_thread *lockstack_of(const struct crace_thread *t);
/* t's newest entry for addr, or NULL. */
struct ls_entry *lockstack_find(const struct crace_thread *t, uintptr_t addr);
/* Drop t's newest entry for addr (t is the caller): 1 if there was one. */
int lockstack_drop(struct crace_thread *t, uintptr_t addr);
/* A thread other than `self` whose record says it holds addr, with a copy
 * of its entry; NULL if none. */
struct ls_thread *lockstack_holder(uintptr_t addr, const struct crace_thread *self,
                                   struct ls_entry *copy);

#endif
