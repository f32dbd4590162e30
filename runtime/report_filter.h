/*
 * report_filter.h - the cheap test, run before the report lock and any
 * replay, that a race found again is one already decided (reported,
 * suppressed or benign), so that a racy loop hitting the same pair of code
 * locations over and over costs a few lookups per hit. It never drops a
 * pair of code locations not reported yet (report_filter.c says why).
 */
#ifndef CRACE_REPORT_FILTER_H
#define CRACE_REPORT_FILTER_H

#include "thread.h"

/* The history event flags (EVA_*) of an access recorded as shadow cell c. */
static inline uint64_t cell_event_kind(uint64_t c)
{
    return (cell_is_read(c) ? EVA_READ : 0) | (cell_is_atomic(c) ? EVA_ATOMIC : 0) |
           (cell_is_freed(c) ? EVA_FREE : 0);
}

/* 1 if this race (the current access's pc, address and size, and the
 * conflicting shadow cell) is known to repeat a decided one. Runs on the
 * thread that found the race. */
int report_filter_drops(uintptr_t pc, uintptr_t addr, unsigned size, uintptr_t granule,
                        uint64_t old);

/* After the full decision on a race (report.c, report lock held, same
 * thread): remember it. prev_pc: the previous access found by replay
 * (0 when not found), whose pair with pc is now reported or suppressed;
 * tr: the previous access's history (NULL if unknown). */
void report_filter_learn(uintptr_t pc, uintptr_t addr, unsigned size, uintptr_t granule,
                         uint64_t old, struct trace *tr, uintptr_t prev_pc);
/* The race was dropped as benign (annotations): the same access is, always. */
void report_filter_learn_benign(uintptr_t pc, uintptr_t addr, unsigned size, uintptr_t granule,
                                uint64_t old);

#endif
