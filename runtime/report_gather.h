/*
 * report_gather.h - building the model of one race report (report_model.h)
 * from what the detector knows (report_gather.c). Report path only:
 * report_lock held, thread in runtime mode.
 */
#ifndef CRACE_REPORT_GATHER_H
#define CRACE_REPORT_GATHER_H

#include "history.h"
#include "report_model.h"
#include "thread.h"

/* What the detector found: the two cells and what replay made of the old one. */
struct race_facts {
    struct crace_thread *t;     /* the current access's thread */
    struct crace_thread *other; /* the previous access's thread; NULL if unknown */
    uintptr_t addr, granule, pc;
    uint64_t cur, old;           /* the two shadow cells */
    const struct trace_hit *hit; /* the previous access found in history (or not) */
};

/* The accesses (stacks, locks held) and the list of locks they name. With
 * check_suppressions, returns 1 if a race:PATTERN matches a frame of either
 * stack (then the rest need not be gathered). */
int report_gather_accesses(struct crace_report *r, const struct race_facts *in,
                           int check_suppressions);
/* The rest: location, lock origins, threads. */
void report_gather_context(struct crace_report *r, const struct race_facts *in);

/*
 * Pieces other report kinds share (deadlock.c, dump.c):
 *
 * report_gather_stack: the frames of pcs[0..n) a report shows, innermost
 * first. pcs[0] is the access pc or the call site of an intercepted call;
 * all pcs are return addresses, so a line is looked up at pc - 1. Frames
 * of the runtime itself are hidden, and a `main` frame ends the stack (what
 * lies outside it is libc's start-up code). With *suppressed non-NULL,
 * every frame (hidden or not) is also matched against the suppressions of
 * report kind `kind` (report_model.h), setting *suppressed on a match.
 * report_thread_ref: how a report names t (NULL: unknown).
 * report_gather_mutex: where lock m->addr was created or first taken.
 * report_fill_thread: d becomes t's block (its creation stack, its labels);
 * report_gather_thread: the same appended to r->threads (room for it is
 * the caller's).
 */
void report_gather_stack(struct crace_report *r, struct report_stack *s, const uintptr_t *pcs,
                         uint32_t n, int kind, int *suppressed);
void report_thread_ref(struct crace_report *r, struct report_thread_ref *ref,
                       const struct crace_thread *t);
void report_gather_mutex(struct crace_report *r, struct report_mutex *m);
void report_fill_thread(struct crace_report *r, struct report_thread *d,
                        const struct crace_thread *t);
void report_gather_thread(struct crace_report *r, const struct crace_thread *t);

#endif
