/*
 * deadlock.h - deadlock detection (option deadlock=exit|report|ignore):
 *
 *  - a wait-for cycle: threads blocked on locks (mutexes, rwlocks, spin
 *    locks, FILE locks) and joins, each waiting for the next (T1 waits for
 *    M2 held by T2, T2 waits for M1 held by T1), reported as soon as the
 *    watchdog sees it stay put for CYCLE_CONFIRM_MS, even while other
 *    threads run; a join cycle (a thread joining itself, two threads
 *    joining each other) at once, when the join begins;
 *  - every live thread blocked in an untimed wait crace understands, with
 *    no progress for ALL_CONFIRM_MS: "all threads are blocked".
 *
 * Either prints "WARNING: DEADLOCK (...)" with every thread involved
 * (dump.h's thread blocks) and, with deadlock=exit (the default), ends the
 * process with status 66.
 */
#ifndef CRACE_DEADLOCK_H
#define CRACE_DEADLOCK_H

#include "events.h"

#include <stdint.h>

extern const struct ev_tool deadlock_tool;

/* The watchdog's periodic check (watchdog.c), at now_ms. */
void deadlock_tick(uint64_t now_ms);
/* In a fork child: forget what the parent's watchdog was confirming. */
void deadlock_after_fork(void);

#endif
