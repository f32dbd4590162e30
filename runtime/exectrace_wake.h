/*
 * exectrace_wake.h - who woke whom, for the execution trace's flow arrows:
 * the last few wake-ups of each synchronization object (a lock's releases,
 * a condition variable's signals and broadcasts, a semaphore's posts, a
 * thread's creation and exit), looked up when a wait on the object ends.
 *
 * A bounded, lossy table: one slot per hashed key (a collision replaces the
 * older object), a ring of XW_RING wake-ups per slot, a spinlock per slot
 * that is given up on rather than waited for forever (a child forked while
 * another thread held one: that wake-up is simply not linked).
 */
#ifndef CRACE_EXECTRACE_WAKE_H
#define CRACE_EXECTRACE_WAKE_H

#include <stdint.h>

/* What woke: enum ev_wake_kind, then these. */
enum { XW_UNLOCK = 8, XW_CREATE, XW_EXIT };

/* Keys of thread events: the thread record's address, tagged (records are
 * 8-byte aligned, so they never equal an object's address). */
#define XW_KEY_CREATE(rec) ((uintptr_t)(rec) | 1)
#define XW_KEY_EXIT(rec) ((uintptr_t)(rec) | 2)

struct xw_wake {
    uint64_t ts;  /* the waker's anchor time (exectrace.c) */
    uint32_t tid; /* the waker's trace tid */
    uint32_t uid; /* its T number */
    uint8_t how;
    uint8_t claims; /* waits that linked to it */
};

void xw_init(void);
/* A forked child: a fresh table (locks may have been held at the fork). */
void xw_after_fork(void);
/* Remember that uid/tid woke key's waiters at ts. */
void xw_note(uintptr_t key, int how, uint32_t tid, uint32_t uid, uint64_t ts);
/*
 * The wake-up that ended a wait on key begun at since, by another thread
 * than self_uid: the latest one (fifo 0: a lock goes to a waiter at the
 * release just before its acquisition), or the earliest not yet claimed
 * (fifo 1: each signal or post wakes one waiter, in order; a broadcast
 * wakes all). 1 and *out (claims as they were before this claim) if found.
 */
int xw_claim(uintptr_t key, uint64_t since, int fifo, uint32_t self_uid, struct xw_wake *out);

#endif
