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

#endif
