/*
 * report.h - building and printing race reports, and the end-of-run
 * summary.
 */
#ifndef CRACE_REPORT_H
#define CRACE_REPORT_H

#include <stddef.h>
#include <stdint.h>

void report_init(void);
/* fork(): hold the report lock across the real fork (intercept_process.c). */
void report_fork_prepare(void);
void report_fork_done(void);
/* In the child, between the two: its counts start at zero, its log_path
 * file is its own. */
void report_fork_child(void);
/* Reports (of every kind) printed so far. */
int report_count(void);
/* Print the end-of-run line ("Found N data race(s)", with the count of each
 * other kind if any: "Found 1 data race(s), 2 deadlock(s)") if anything was
 * found, after the count of suppressed reports of each kind. */
void report_summary(void);

/*
 * Reports of other kinds than races, and other output that needs symbols
 * (the thread dump): report_call runs fn(arg) with the report lock held,
 * on the report's own deep stack (libdw), the calling thread t (its
 * record, or NULL: the watchdog, a finished thread) in runtime mode (its interceptors pass
 * through); nothing happens when t is already in the runtime (never nest), and with halt_on_error a
 * report printed by fn ends the process. Inside fn, report_print prints a gathered report unless
 * `suppressed` (then it is only counted as suppressed) and returns 1 if it printed; report_write
 * writes text where reports go (stderr or log_path); report_color says whether text reports are
 * colored. The caller must not hold runtime locks.
 */
struct crace_report;
struct crace_thread;
void report_call(struct crace_thread *t, void (*fn)(void *), void *arg);
int report_print(struct crace_report *r, int suppressed);
void report_write(const char *buf, size_t len);
int report_color(void);

/* Races touching [addr, addr+size) are not reported (annotations). */
void report_add_benign(uintptr_t addr, size_t size);

/* The printable form of a source path (strip_path_prefix, else relative
 * to the working directory at start-up when below it). */
const char *report_path(const char *file);

struct sym_frame;
/* One frame as two report lines ("  fn()\n      file:line +0xOFF\n") into
 * buf; returns the length it needed (snprintf-like). pc is the frame's
 * return address or access pc. */
size_t report_format_frame(char *buf, size_t len, const struct sym_frame *f, uintptr_t pc);

#endif
