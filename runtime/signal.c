/*
 * signal.c - signal handlers installed by the program run through a
 * runtime wrapper, so a signal never runs user code while the interrupted
 * thread holds a runtime lock (the handler's own synchronization or report
 * would wait for that lock forever). Such a signal is queued and delivered
 * as soon as the thread releases its last runtime lock. Synchronous signals
 * (faults) run at once. The handler's memory accesses are checked like any
 * other code of the interrupted thread.
 */
#include "intercept.h"
#include "sync.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

/* The program's handlers, by signal. Written by sigaction() (whole struct,
 * then `wrapped` with release order), read by the wrapper. */
struct user_action {
    struct sigaction sa;
    int wrapped; /* 1: the kernel sees our wrapper for this signal */
};
static struct user_action actions[NSIG];

#define PENDING_MAX 8

struct pending_signal {
    int sig;
    siginfo_t info;
    ucontext_t ctx;
};

/* Per thread: signals waiting for the thread to leave the runtime. */
static __thread struct pending_signal pending[PENDING_MAX];
static __thread int npending;

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
    struct sigaction *sa = &actions[sig].sa;
    /* The handler runs after its installation (sigaction released there),
     * whichever thread it interrupts. */
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_acquire(t, (uintptr_t)&actions[sig]);
    if (sa->sa_flags & SA_SIGINFO)
        sa->sa_sigaction(sig, info, ctx);
    else if (sa->sa_handler != SIG_IGN && sa->sa_handler != SIG_DFL)
        sa->sa_handler(sig);
    __asm__ __volatile__("" : : : "memory");
}

static void crace_signal_wrapper(int sig, siginfo_t *info, void *ctx)
{
    if (rt_lock_depth > 0 && !is_synchronous(sig)) {
        if (npending < PENDING_MAX) {
            struct pending_signal *p = &pending[npending++];
            p->sig = sig;
            rt_memcpy(&p->info, info, sizeof *info);
            rt_memcpy(&p->ctx, ctx, sizeof p->ctx);
        }
        rt_signal_pending = 1;
        return;
    }
    call_user(sig, info, ctx);
}

void signal_deliver_pending(void)
{
    while (npending > 0) {
        struct pending_signal p;
        rt_memcpy(&p, &pending[0], sizeof p);
        npending--;
        rt_memmove(&pending[0], &pending[1], (size_t)npending * sizeof p);
        rt_signal_pending = npending > 0;
        call_user(p.sig, &p.info, &p.ctx);
    }
    rt_signal_pending = 0;
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
        ours.sa_flags |= SA_SIGINFO;
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
