/*
 * report_tools.h - how the lock and signal tools build their reports (the
 * kinds REPORT_LOCK_ORDER, REPORT_LOCK_MISUSE, REPORT_THREAD_LEAK and
 * REPORT_SIGNAL; their sections are in report_model.h, rendered by
 * render_tools.c): threads kept for a later report, reports made once per
 * key, and a report assembled site by site (report_tools.c).
 */
#ifndef CRACE_REPORT_TOOLS_H
#define CRACE_REPORT_TOOLS_H

#include "report.h"
#include "report_gather.h"
#include "report_model.h"
#include "report_render.h"
#include "thread.h"

/* A thread as a tool keeps it for a later report: its record may be gone
 * by then (filling it only copies: fine in a signal handler). */
#define KEPT_CREATE_MAX 32
struct kept_thread {
    const struct crace_thread *rec; /* compared, never read: to tell if it still runs */
    uint32_t uid;
    char name[THREAD_NAME_MAX];
    uint32_t ncreate; /* 0: not created through pthread_create */
    uintptr_t create[KEPT_CREATE_MAX];
};
void kept_thread_fill(struct kept_thread *k, const struct crace_thread *t);

/* The title after "WARNING: " of a report of these kinds (render_tools.c). */
const char *report_tools_title(const struct crace_report *r);

/*
 * Building a report: a tool runs its gathering with report_call (report.h)
 * and hands the report to report_print, which prints it (unless
 * suppressed) and counts it by kind; the pieces of report_gather.h
 * (stacks matched against the kind's suppressions, thread references,
 * mutex origins, thread blocks). report_once: 1 if this key of this kind
 * was reported before (else it is remembered). report_location_key: what
 * identifies a code location (its source line, else its pc).
 */
int report_once(int kind, uintptr_t a, uintptr_t b);
uintptr_t report_location_key(uintptr_t pc);

/*
 * A tool's report, step by step (report_tools.c; report lock held):
 * begin sizes its arrays (at most that many sites, mutexes and threads);
 * report_tools_mutex numbers a lock (M1, M2... in order of first mention);
 * report_tools_site adds a site with its stack (matched against the kind's
 * suppressions when suppressed is non-NULL); report_tools_thread adds a
 * thread block (none for the main thread, one per thread); end gathers
 * where each mutex came from. Then report_emit.
 */
void report_tools_begin(struct crace_report *r, int kind, uint32_t sites, uint32_t mutexes,
                        uint32_t threads);
uint32_t report_tools_mutex(struct crace_report *r, uintptr_t addr);
struct report_site *report_tools_site(struct crace_report *r, int role, const uintptr_t *pcs,
                                      uint32_t n, int *suppressed);
void report_kept_thread_ref(struct crace_report *r, struct report_thread_ref *ref,
                            const struct kept_thread *k);
void report_tools_thread(struct crace_report *r, const struct kept_thread *k);
void report_tools_end(struct crace_report *r);

#endif
