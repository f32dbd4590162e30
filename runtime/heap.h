/*
 * heap.h - the heap blocks (start, size, allocating thread and stack), so a
 * report can say "Location is heap block of size 40 at 0x... allocated by
 * thread T1:". A freed block keeps its record, marked freed, while it waits
 * in the quarantine (quarantine.h). Updated by the malloc interceptors,
 * read by reports.
 */
#ifndef CRACE_HEAP_H
#define CRACE_HEAP_H

#include "thread.h"

#define HEAP_STACK 16        /* frames kept of an allocation stack */
#define HEAP_RECORD_BYTES 32 /* a block's record (heap.c), stack apart */

/* A block as heap_find tells it (the record itself is smaller: heap.c). */
struct heap_info {
    uintptr_t start;
    size_t size;                 /* as requested */
    size_t usable;               /* malloc_usable_size at allocation (or size) */
    uint32_t uid;                /* allocating thread's T number */
    uint32_t depth;              /* frames in stack */
    uint32_t freed_by;           /* 0: live; else the freeing thread's T number + 1 */
    uintptr_t stack[HEAP_STACK]; /* innermost first: the allocation call site first */
};

void heap_add(struct crace_thread *t, uintptr_t start, size_t size, size_t usable, uintptr_t pc);
/* Drop the record of the block at start, whatever its state. */
void heap_remove(uintptr_t start);
/* The usable size of the block at start, live or freed; 0 when it has no
 * record (not allocated through us). */
size_t heap_usable(uintptr_t start);
/*
 * The block at start is being freed by thread uid: its record stays, marked
 * freed. Returns the record's number and sets *usable (0: no record, the
 * block was not allocated through us). *twice is set when the record was
 * already marked freed: a double free.
 */
uint32_t heap_mark_freed(uintptr_t start, uint32_t uid, size_t *usable, int *twice);
/* Drop the freed record `rec` of the block at start: 1 if this call did,
 * 0 if another already had (so exactly one caller hands the block back). */
int heap_take(uintptr_t start, uint32_t rec);
/* The block holding addr (live, or freed and quarantined), copied into
 * *out: 1 if found. Walks the meta map down from addr: report path only. */
int heap_find(uintptr_t addr, struct heap_info *out);
/* Records created so far (free ones are reused): for tests. */
uint32_t heap_records_made(void);
/* The calling thread ends: its quarantined blocks go to the orphan queue
 * (quarantine.c), its free records to the shared list. */
void heap_thread_exit(void);
/* fork(): hold the shared free-record list's and the quarantine's locks
 * across the real fork. */
void heap_fork_prepare(void);
void heap_fork_done(void);

#endif
