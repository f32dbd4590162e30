/*
 * intercept_process.c - fork (and _Fork, vfork). The runtime's locks are all taken before the
 * real fork, so the child never inherits one held by a thread that does not
 * exist there (which would deadlock it), and released on both sides after.
 * Lock order everywhere: report lock, registry lock, sync shards, heap shards.
 * The child starts with no race found (report.c).
 */
#include "heap.h"
#include "intercept.h"
#include "report.h"
#include "sync.h"

#include <unistd.h>

/* The bookkeeping around a real fork-like call. */
static pid_t fork_through(pid_t (*real)(void))
{
    struct crace_thread *t = intercept_thread();
    if (!t)
        return real();
    t->in_rt++;
    report_fork_prepare();
    thread_lock_registry();
    sync_fork_prepare();
    heap_fork_prepare();
    pid_t pid = real();
    if (pid == 0) {
        thread_after_fork_child(t);
        report_fork_child();
    }
    heap_fork_done();
    sync_fork_done();
    thread_unlock_registry();
    report_fork_done();
    t->in_rt--;
    return pid;
}

DECLARE_REAL(pid_t, fork, void);
RT_EXPORT pid_t fork(void)
{
    RESOLVE_REAL(fork);
    return fork_through(REAL(fork));
}

/* glibc 2.34's _Fork: fork without the atfork handlers (async-signal-safe).
 * Its child is a fork child all the same: only the caller survives there.
 * glibc's own fork does not come through here (an internal call). */
DECLARE_REAL(pid_t, _Fork, void);
RT_EXPORT pid_t _Fork(void)
{
    RESOLVE_REAL(_Fork);
    return fork_through(REAL(_Fork));
}

/* vfork's child would share our runtime state: make it a fork. */
RT_EXPORT pid_t vfork(void)
{
    return fork();
}
