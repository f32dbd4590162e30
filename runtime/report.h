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
/* Races reported so far. */
int report_count(void);
/* Print the end-of-run line ("Found N data race(s)") if anything was found. */
void report_summary(void);

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
