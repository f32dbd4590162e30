/*
 * quarantine.h - recently freed heap blocks, held back from glibc for a
 * while (option quarantine_mb). Held, a freed block keeps its shadow
 * (stamped freed) and its heap record (Location "freed by"), so another
 * thread's later use of it is reported as a race with the free instead of
 * being hidden by a new allocation of the same memory; and the program's
 * writes to it cannot corrupt glibc's free lists before the report is out.
 */
#ifndef CRACE_QUARANTINE_H
#define CRACE_QUARANTINE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Hold the freed block at p (heap record rec, usable bytes): 1 if held, 0
 * if not (quarantine off): the caller hands it back to glibc itself. A
 * block leaves the quarantine through heap_take(p, rec) then free.
 */
int quarantine_put(uintptr_t p, uint32_t rec, size_t usable);
/* The calling thread ends: the blocks it holds stay quarantined, first in
 * line to go back. */
void quarantine_thread_exit(void);
/* fork(): hold the shared queue's lock across the real fork. */
void quarantine_fork_prepare(void);
void quarantine_fork_done(void);
/* Bytes charged to the threads' queues now (blocks plus bookkeeping,
 * partial batches not counted): tests. */
size_t quarantine_held_bytes(void);

#endif
