/*
 * exectrace_sym.h - call sites as "function file:line" strings for the
 * execution trace, each symbolized once.
 */
#ifndef CRACE_EXECTRACE_SYM_H
#define CRACE_EXECTRACE_SYM_H

#include <stdint.h>

/* What a frame is, besides its string (xs_site's *flags). */
#define XS_HIDDEN 1u /* the runtime's own frame: not shown (as in reports) */
#define XS_MAIN 2u   /* `main`: the frames outside it are libc's start-up */

/*
 * The call site at return address pc as "fn file:line" (or "fn
 * module+0xOFF", or "0xPC"), valid until exit, and its XS_ flags. The
 * first time a pc is seen the symbolizer runs: under this file's lock and
 * the symbolizer's (so never call this holding the trace's file lock or
 * threads_lock: fork takes this lock first), on a stack of its own, with
 * the calling thread in runtime mode. Never takes the report lock: it may
 * run under it (halt_on_error's exit). NULL when the cache is full.
 */
const char *xs_site(uintptr_t pc, unsigned *flags);
/* The same if pc was symbolized already, else NULL: never takes a lock. */
const char *xs_site_cached(uintptr_t pc, unsigned *flags);

/* fork (the trace's atfork handlers): hold this file's lock across the
 * fork, so the child never inherits it held by a thread it does not have,
 * nor the symbolizer's lock held under it; release it on both sides. */
void xs_fork_prepare(void);
void xs_fork_done(void);

#endif
