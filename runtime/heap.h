/*
 * heap.h - the live heap blocks (start, size, allocating thread and stack),
 * so a report can say "Location is heap block of size 40 at 0x... allocated
 * by thread T1:". Updated by the malloc interceptors, read by reports.
 */
#ifndef CRACE_HEAP_H
#define CRACE_HEAP_H

#include "thread.h"

#define HEAP_STACK 16 /* frames kept of an allocation stack */

struct heap_info {
    uintptr_t start;
    size_t size;                 /* as requested */
    uint32_t uid;                /* allocating thread's T number */
    uint32_t depth;              /* frames in stack */
    uintptr_t stack[HEAP_STACK]; /* innermost first: the allocation call site first */
};

void heap_add(struct crace_thread *t, uintptr_t start, size_t size, uintptr_t pc);
void heap_remove(uintptr_t start);
/* The live block holding addr, copied into *out: 1 if found. Walks the
 * meta map down from addr: report path only. */
int heap_find(uintptr_t addr, struct heap_info *out);
/* Records created so far (free ones are reused): for tests. */
uint32_t heap_records_made(void);
/* The calling thread ends: its free records go to the shared list. */
void heap_thread_exit(void);
/* fork(): hold the shared free-record list's lock across the real fork. */
void heap_fork_prepare(void);
void heap_fork_done(void);

#endif
