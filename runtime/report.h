/*
 * report.h - building and printing race reports, and the end-of-run
 * summary.
 */
#ifndef CRACE_REPORT_H
#define CRACE_REPORT_H

#include <stdint.h>

void report_init(void);
/* Races reported so far. */
int report_count(void);
/* Print the end-of-run line ("Found N data race(s)") if anything was found. */
void report_summary(void);

/* Helpers shared with tests: the printable form of a source path. */
const char *report_path(const char *file);

#endif
