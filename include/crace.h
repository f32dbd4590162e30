/*
 * crace.h - the public API of the crace data-race detector.
 *
 * Programs built with crace-cc can tell the detector about synchronization
 * it cannot see (custom locks, lock-free handoffs through uninstrumented
 * code), name their threads for reports and print what every thread is
 * doing (crace_dump). Without crace-cc (__CRACE__ undefined) every call
 * compiles to nothing, so the header can stay in production code.
 */
#ifndef CRACE_H
#define CRACE_H

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __CRACE__

/* Everything the calling thread did so far happens before any later
 * crace_acquire(addr) by another thread. */
void crace_release(const volatile void *addr);
/* The calling thread now happens after every earlier crace_release(addr). */
void crace_acquire(const volatile void *addr);
/* Stop / resume checking the calling thread's memory accesses (nests). */
void crace_ignore_begin(void);
void crace_ignore_end(void);
/* Name the calling thread in reports: thread T2 "worker". */
void crace_thread_name(const char *name);
/* Races on [addr, addr+size) are intended: do not report them. */
void crace_benign_race(const volatile void *addr, unsigned long size);
/* Print every thread (what it waits for, its stack, the locks it holds,
 * where it was created) to the report output, like Go's goroutine dump;
 * threads with the same stack and state are grouped. Not from a signal
 * handler (it allocates): CRACE_OPTIONS=dump_signal=SIGQUIT does that. */
void crace_dump(void);

#else

#define crace_release(addr) ((void)(addr))
#define crace_acquire(addr) ((void)(addr))
#define crace_ignore_begin() ((void)0)
#define crace_ignore_end() ((void)0)
#define crace_thread_name(name) ((void)(name))
#define crace_benign_race(addr, size) ((void)(addr), (void)(size))
#define crace_dump() ((void)0)

#endif

#ifdef __cplusplus
}
#endif

#endif
