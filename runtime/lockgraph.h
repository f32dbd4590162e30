/*
 * lockgraph.h - potential deadlocks: a cycle in the order threads take
 * locks (lockgraph.c), reported as "WARNING: LOCK ORDER INVERSION
 * (potential deadlock)" when the acquisition that closes it is first seen,
 * before any thread hangs. Fed by locktools.c (option detect_lock_order).
 *
 * Taking lock B while holding A is an edge A -> B, labelled with how each
 * is held (read or write) and with the other locks held meanwhile (the
 * gates). A cycle is reported when it could really deadlock: no two of its
 * edges share a gate (a gate held around both orders makes them exclusive),
 * and no lock in it is held for reading and wanted for reading at once.
 * Locks taken by a try or timed call get no edge into them (such a call
 * gives up instead of waiting); they do get edges out of them while held.
 */
#ifndef CRACE_LOCKGRAPH_H
#define CRACE_LOCKGRAPH_H

#include "events.h"

/* t took the lock at addr at pc (flags: EV_READ, EV_TRY) while holding the
 * locks its lockstack lists (the new one not yet among them). */
void lockgraph_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc);
/* The lock at addr is gone (ev_lock_forgotten). */
void lockgraph_forgotten(uintptr_t addr);

#endif
