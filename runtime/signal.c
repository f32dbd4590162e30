/*
 * signal.c - signal handlers installed by the program run through a
 * runtime wrapper, so a signal never runs user code while the interrupted
 * thread holds a runtime lock (the handler's own synchronization or report
 * would wait for that lock forever). Such a signal is queued and delivered
 * as soon as the thread releases its last runtime lock. Synchronous signals
 * (faults) run at once. The handler's memory accesses are checked like any
 * other code of the interrupted thread.
 *
 * A deferred signal is kept by the kernel, not by us: the wrapper blocks it
 * (now, and in the mask restored when the handler returns), queues it again
 * to its own thread with its original siginfo, and remembers it in one word
 * of TLS; leaving the runtime unblocks it and the kernel delivers it there,
 * with a context that is current. So a thread's deferral state is 8 bytes of
 * static TLS, not a buffer of contexts (small thread stacks hold static TLS,
 * see thread.h). SA_RESETHAND is emulated (our wrapper stays installed until
 * the program's handler really runs), else the queued copy would meet SIG_DFL.
 */
#include "intercept.h"
#include "sync.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

/* The program's handlers, by signal. Written by sigaction() (whole struct,
 * then `wrapped` with release order), read by the wrapper. */
struct user_action {
    struct sigaction sa;
    int wrapped; /* 1: the kernel sees our wrapper for this signal */
};
static struct user_action actions[NSIG];

/* Per thread: the signals deferred until it leaves the runtime, bit sig-1
 * (standard and real-time signals: NSIG - 1 = 64 of them). */
static __thread uint64_t deferred __attribute__((tls_model("initial-exec")));

static int is_synchronous(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP || sig == SIGFPE ||
           sig == SIGABRT || sig == SIGSYS;
}

/* In crace_text and never a tail call: the handler's caller frame is then
 * recognised as the runtime's and hidden from reports. */
__attribute__((section("crace_text"), noinline)) static void call_user(int sig, siginfo_t *info,
                                                                       void *ctx)
{
    struct sigaction sa = actions[sig].sa;
    /* The handler runs after its installation (sigaction released there),
     * whichever thread it interrupts. */
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_acquire(t, (uintptr_t)&actions[sig]);
    if (sa.sa_flags & SA_RESETHAND) /* what the kernel would have done on delivery */
        signal(sig, SIG_DFL);
    /* The tools see the handler run (events.h). */
    struct ev_signal ev = {sig, !is_synchronous(sig),
                           (sa.sa_flags & SA_SIGINFO) ? (uintptr_t)sa.sa_sigaction
                                                      : (uintptr_t)sa.sa_handler,
                           (uintptr_t)__builtin_frame_address(0)};
    if (t)
        ev_signal_enter(t, &ev);
    if (sa.sa_flags & SA_SIGINFO)
        sa.sa_sigaction(sig, info, ctx);
    else if (sa.sa_handler != SIG_IGN && sa.sa_handler != SIG_DFL)
        sa.sa_handler(sig);
    if (t)
        ev_signal_leave(t, &ev);
    __asm__ __volatile__("" : : : "memory");
}

/* Block (or unblock) the signals of mask for the calling thread, with the
 * kernel's 8-byte sigset. */
static void mask_signals(int how, uint64_t mask)
{
    syscall(SYS_rt_sigprocmask, how, &mask, NULL, sizeof mask);
}

/* The thread is inside the runtime: hand the signal back to the kernel,
 * blocked until rt_signals_undefer calls signal_deliver_pending. */
static void defer(int sig, siginfo_t *info, ucontext_t *uc)
{
    uint64_t bit = 1ull << (sig - 1);
    mask_signals(SIG_BLOCK, bit);    /* in this handler (SA_NODEFER) */
    sigaddset(&uc->uc_sigmask, sig); /* and after it returns */
    deferred |= bit;
    rt_signal_pending = 1;
    /* Its own thread may queue any siginfo to itself; a standard signal
     * already pending merges, as the kernel would have merged it. */
    if (syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), sig, info) != 0)
        syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
}

static void crace_signal_wrapper(int sig, siginfo_t *info, void *ctx)
{
    if (rt_lock_depth > 0 && !is_synchronous(sig)) {
        defer(sig, info, ctx);
        return;
    }
    call_user(sig, info, ctx);
}

void signal_deliver_pending(void)
{
    uint64_t m = deferred;
    deferred = 0;
    rt_signal_pending = 0;
    if (m)
        mask_signals(SIG_UNBLOCK, m); /* the kernel delivers them on the way out */
}

static int user_handler(const struct sigaction *act)
{
    return (act->sa_flags & SA_SIGINFO) ||
           (act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN);
}

DECLARE_REAL(int, sigaction, int, const struct sigaction *, struct sigaction *);
RT_EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    RESOLVE_REAL(sigaction);
    if (sig <= 0 || sig >= NSIG)
        return REAL(sigaction)(sig, act, old);
    struct user_action prev = actions[sig];
    int rc;
    if (act && user_handler(act)) {
        struct sigaction ours = *act;
        ours.sa_sigaction = crace_signal_wrapper;
        ours.sa_flags = (ours.sa_flags | SA_SIGINFO) & ~SA_RESETHAND; /* call_user resets */
        struct crace_thread *t = intercept_thread();
        if (t)
            sync_release(t, (uintptr_t)&actions[sig]);
        actions[sig].sa = *act;
        rc = REAL(sigaction)(sig, &ours, old);
        if (rc == 0)
            __atomic_store_n(&actions[sig].wrapped, 1, __ATOMIC_RELEASE);
        else
            actions[sig] = prev;
    } else {
        rc = REAL(sigaction)(sig, act, old);
        if (rc == 0 && act)
            __atomic_store_n(&actions[sig].wrapped, 0, __ATOMIC_RELEASE);
    }
    /* The program sees its own handler, never the wrapper. */
    if (rc == 0 && old && prev.wrapped && old->sa_sigaction == crace_signal_wrapper)
        *old = prev.sa;
    return rc;
}

/* signal() with glibc's BSD semantics: handler stays, calls restart. */
RT_EXPORT sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;
    rt_memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, sig);
    if (sigaction(sig, &act, &old) != 0)
        return SIG_ERR;
    return (old.sa_flags & SA_SIGINFO) ? (sighandler_t)(void *)old.sa_sigaction : old.sa_handler;
}
