/*
 * locktools.c - the lock tools as one tool of events.h: lock order
 * (lockgraph.h), lock misuse and thread leaks (lockcheck.h), on the held
 * locks of lockstack.h. One callback per event for all three (lock calls
 * are frequent: one indirect call each, not three), which fixes the order
 * they see an event in:
 *
 *   wait begins     lockcheck (a double lock is reported before the call)
 *   lock taken      lockcheck drops stale entries, lockgraph makes edges
 *                   from what the thread held, then lockstack records it
 *   lock released   stale entry or none: lockcheck reports; lockstack
 *                   drops the entry
 */
#include "lockcheck.h"
#include "lockgraph.h"
#include "lockstack.h"
#include "options.h"

static int locks_on(void)
{
    return opt_detect_lock_order || opt_report_mutex_bugs || opt_report_thread_leaks;
}

/* Only a thread holding a lock can lock it again; any thread's condition
 * wait may meet another mutex. */
static void wait_begin(struct crace_thread *t)
{
    if (opt_report_mutex_bugs && (t->wait.kind == EV_WAIT_COND || lockstack_any(t)))
        lockcheck_wait_begin(t);
}

static void wait_end(struct crace_thread *t, int ok)
{
    (void)ok;
    if (t->wait.kind == EV_WAIT_COND && opt_report_mutex_bugs)
        lockcheck_wait_end(t);
}

/* A thread that holds nothing (the usual case) has neither stale entries
 * nor edges to make. The lock stack changes with asynchronous signals held
 * (thread.h): a handler that locks and unlocks on this thread in the middle
 * of a push would write its entry into the slot being filled. */
static void taken_held(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    if (lockstack_any(t)) {
        lockcheck_stale(t, 0); /* before edges from stale entries */
        if (opt_detect_lock_order)
            lockgraph_taken(t, addr, flags, pc);
    }
    lockstack_push(t, addr, flags, pc);
}

static void taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    thread_signals_hold();
    taken_held(t, addr, flags, pc);
    thread_signals_release();
}

static void released_held(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (lockcheck_stale(t, addr)) {
        /* its entry was stale: another thread unlocked it meanwhile */
        lockcheck_unheld(t, addr, pc, 1);
        return;
    }
    if (!lockstack_pop(t, addr))
        lockcheck_unheld(t, addr, pc, 1); /* reports only with report_mutex_bugs */
}

static void released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    thread_signals_hold();
    released_held(t, addr, pc);
    thread_signals_release();
}

static void unlock_refused(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    if (opt_report_mutex_bugs)
        lockcheck_unlock_refused(t, addr, flags, pc);
}

static void lock_destroy(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (opt_report_mutex_bugs)
        lockcheck_destroy(t, addr, pc);
}

static void lock_invalid(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (opt_report_mutex_bugs)
        lockcheck_invalid(t, addr, pc);
}

static void lock_forgotten(uintptr_t addr)
{
    if (opt_detect_lock_order)
        lockgraph_forgotten(addr);
}

static void program_exit(void)
{
    if (opt_report_thread_leaks)
        lockcheck_leaks();
}

const struct ev_tool locks_tool = {
    .name = "locks",
    .on = locks_on,
    .wait_begin = wait_begin,
    .wait_end = wait_end,
    .lock_taken = taken,
    .lock_released = released,
    .thread_started = lockstack_started,
    .thread_finished = lockstack_finished,
    .unlock_refused = unlock_refused,
    .lock_destroy = lock_destroy,
    .lock_invalid = lock_invalid,
    .lock_forgotten = lock_forgotten,
    .program_exit = program_exit,
};
