/*
 * dump.h - what every thread is doing: a snapshot of the thread registry
 * (what each thread waits for, the locks it holds, its shadow call stack),
 * turned into the thread blocks of report_model.h, and the all-thread dump
 * built on them (crace_dump(), option dump_signal=), which prints every
 * thread like Go's goroutine dump:
 *
 *   thread T3 "worker" [blocked in pthread_mutex_lock on mutex M1 (0x...) held by thread T2, 2.5
 * s]: worker() file.c:12 +0x2c Mutexes held: M2 (0x...) created at: main() file.c:40 +0x51
 *
 * Threads in the same state with the same stack and locks are one block
 * ("12 threads like thread T5 (T5, T6, ...)"). deadlock.c reports with the
 * same blocks.
 *
 * Reading other threads is racy by design and never stops them: their wait
 * (events.h) is read with a sequence check, their held sets and shadow
 * stacks as they are; a live thread's shadow stack stays mapped while the
 * registry lock is held (thread_for_each). A thread not in a wait may show
 * a stack it has already left; a blocked thread's is exact.
 */
#ifndef CRACE_DUMP_H
#define CRACE_DUMP_H

#include "report_model.h"
#include "thread.h"

#define DUMP_FRAMES 64 /* innermost shadow stack frames copied per thread */

/* One thread as the registry showed it at one moment. */
struct dump_thread {
    struct crace_thread *rec; /* to be dereferenced only under the report lock
                                 (records are freed under it) */
    uint32_t uid;
    pid_t tid; /* kernel thread id; 0: not started yet */
    int finished;
    struct thread_wait wait; /* kind 0: not in a wait (or no consistent copy) */
    int joined_known;        /* a join: the joined thread is a record crace has */
    uint32_t joined_uid;
    int joined_finished;
    struct held_set held;
    uint32_t npcs;  /* stack: innermost first (the wait's call site first) */
    uintptr_t *pcs; /* DUMP_FRAMES + 1 of them; only in a snapshot with stacks */
    char name[THREAD_NAME_MAX];
};

struct dump_snapshot {
    uint32_t n, cap;
    struct dump_thread *t; /* newest first */
};

/* Copy every thread record (with_stacks: also their shadow stacks). */
void dump_take(struct dump_snapshot *s, int with_stacks);
void dump_free(struct dump_snapshot *s);

/* Is t blocked in an untimed wait (a candidate for a deadlock)? */
int dump_blocked(const struct dump_thread *t);

/*
 * The watchdog notes, on each of its ticks, which waits it sees, so that a
 * thread block can say for how long a thread has waited (about: to a tick).
 * dump_wait_ms: -1 when the wait was never seen.
 */
void dump_stamp_waits(const struct dump_snapshot *s, uint64_t now_ms);
int64_t dump_wait_ms(uint32_t uid, uint32_t seq);

/*
 * Fill r->blocks with threads idx[0..n) of s, in that order (group: threads
 * alike become one block); locks get their M numbers (r->mutexes, with
 * origins when origins), conditions their C numbers; r->threads gets the
 * creation block of each thread shown and of each finished lock holder.
 * With suppressed non-NULL, frames are matched against the suppressions
 * of report kind `kind` (*suppressed set on a match). self_uid/self_pc: a running thread whose
 * pc is known (the caller of crace_dump), shown with note self_note.
 * Report lock held (report_call).
 */
struct dump_select {
    const uint32_t *idx;
    uint32_t n;
    int group;
    int origins;
    int kind;        /* report_model.h */
    int *suppressed; /* NULL: no matching */
    int has_self;
    uint32_t self_uid;
    uintptr_t self_pc;
    const char *self_note;
};
void dump_gather(struct crace_report *r, const struct dump_snapshot *s,
                 const struct dump_select *sel);
/* M<id> of the lock at addr in a gathered report (0: not named). */
uint32_t dump_mutex_id(const struct crace_report *r, uintptr_t addr);

/* Print every thread now (the watchdog, on dump_signal; crace_dump() is
 * the same from a program thread, which is then shown "in crace_dump"). */
void dump_all(void);

/* The dump's tool (events.h): it notes who created each thread, and with
 * option dump_signal its init installs the signal's handler and starts
 * the watchdog (watchdog.h); the handler only wakes the watchdog, which
 * prints the dump. */
struct ev_tool;
extern const struct ev_tool dump_tool;
/* Is the dump signal's handler ours (not replaced by the program's)? */
int dump_signal_handled(void);

/* In a fork child: forget the waits seen by the parent's watchdog. */
void dump_after_fork(void);

#endif
