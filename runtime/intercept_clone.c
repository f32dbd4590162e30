/*
 * intercept_clone.c - threads made with raw clone() instead of
 * pthread_create.
 *
 * A clone() child that shares the address space (CLONE_VM) is a thread:
 * it is registered like a pthread (a record, the creator's happens-before
 * edge, its creation stack) and checked. Without CLONE_SETTLS such a child
 * would also share its creator's TLS, where every TLS-based runtime keeps
 * its per-thread state (crace_cur, the signal and heap words, ...): it
 * would pass for its creator and corrupt that state. So it gets a TLS of
 * its own, as pthread_create would give it: a fresh static TLS block and
 * thread descriptor from glibc's _dl_allocate_tls (TLS variables at their
 * initial values), whose header copies the creator's stack and pointer
 * guards; the clone runs with CLONE_SETTLS. The child runs fn(arg) through
 * crace_clone_start, which records its end when fn returns (it leaves
 * through the clone wrapper, never through pthread_exit, so there is no TSD
 * destructor to do it). Its TLS block is freed by a later clone() once its
 * kernel task is gone.
 *
 * A child given its own TLS by the program (CLONE_SETTLS) keeps it. A
 * child without CLONE_VM is a new process, not a thread: passed through.
 */
#include "intercept.h"

#include <dlfcn.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

/* glibc's TLS allocation for new threads (GLIBC_PRIVATE, in ld.so). */
static void *(*allocate_tls)(void *);
static void (*deallocate_tls)(void *, int);

/* tcbhead_t (x86-64): the words a thread descriptor starts with. */
#define TCB_SELF_TCB 0       /* void *tcb: the descriptor itself */
#define TCB_SELF 2           /* void *self */
#define TCB_GUARDS_FROM 0x18 /* multiple_threads .. feature_1: copied */
#define TCB_GUARDS_TO 0x50

struct clone_start {
    int (*fn)(void *);
    void *arg;
    struct crace_thread *t;
    void *tcb;       /* the TLS we made, or NULL */
    uintptr_t stack; /* the child's initial stack pointer */
    pid_t tid;       /* the child's kernel thread id, once known */
    int done;        /* the child is past its last use of the record */
    struct clone_start *next;
};

/* Children whose TLS we made, to free once they are gone; guarded by lock. */
static rt_lock lock;
static struct clone_start *children;

/* Free a TLS block we made. Its memory was the child's: freeing it is not
 * an access of the caller's (nothing orders the child's end before it). */
static void free_tls(struct crace_thread *cur, void *tcb)
{
    cur->ignore++;
    deallocate_tls(tcb, 1);
    cur->ignore--;
}

/* Free the TLS of children whose kernel task no longer exists. */
static void reap_children(struct crace_thread *cur)
{
    rt_lock_acquire(&lock);
    for (struct clone_start **p = &children; *p;) {
        struct clone_start *c = *p;
        if (__atomic_load_n(&c->done, __ATOMIC_ACQUIRE) &&
            syscall(SYS_tgkill, getpid(), c->tid, 0) != 0) {
            *p = c->next;
            free_tls(cur, c->tcb);
            rt_free(c);
        } else {
            p = &c->next;
        }
    }
    rt_lock_release(&lock);
}

/* A descriptor and static TLS for the child, like pthread_create's. */
static void *new_tls(void)
{
    if (!allocate_tls) {
        deallocate_tls = (void (*)(void *, int))dlsym(RTLD_DEFAULT, "_dl_deallocate_tls");
        allocate_tls = (void *(*)(void *))dlsym(RTLD_DEFAULT, "_dl_allocate_tls");
    }
    if (!allocate_tls || !deallocate_tls)
        return 0;
    void **tcb = allocate_tls(0);
    if (!tcb)
        return 0;
    tcb[TCB_SELF_TCB] = tcb;
    tcb[TCB_SELF] = tcb;
    const char *mine = __builtin_thread_pointer();
    rt_memcpy((char *)tcb + TCB_GUARDS_FROM, mine + TCB_GUARDS_FROM,
              TCB_GUARDS_TO - TCB_GUARDS_FROM);
    return tcb;
}

/*
 * glibc skips its own locking (malloc's arena lock, a private mutex's
 * atomic operations, stdio's stream locks) while the process has one
 * thread. pthread_create is what tells it otherwise (its internal
 * single-threaded flag cannot be reached from here: a program's copy of
 * __libc_single_threaded is not the one libc reads), and a raw clone does
 * not, so a program whose only other threads were clone children had its
 * heap and mutexes corrupted. The first such child is preceded by one
 * empty pthread, created and joined with the real functions, as a thread
 * library that offered clone would do.
 */
DECLARE_REAL(int, pthread_create, pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
DECLARE_REAL(int, pthread_join, pthread_t, void **);

static void *nothing(void *arg)
{
    return arg;
}

static void mark_multi_threaded(void)
{
    static int done;
    if (__atomic_load_n(&done, __ATOMIC_ACQUIRE))
        return;
    RESOLVE_REAL(pthread_create);
    RESOLVE_REAL(pthread_join);
    pthread_t th;
    if (REAL(pthread_create)(&th, 0, nothing, 0) == 0)
        REAL(pthread_join)(th, 0);
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
}

/* Runs first on the child, on its own TLS; hidden in reports (crace_text). */
__attribute__((section("crace_text"), noinline)) static int crace_clone_start(void *p)
{
    struct clone_start *c = p;
    struct crace_thread *t = c->t;
    thread_start_raw(t, c->stack);
    int rc = c->fn(c->arg);
    __asm__ __volatile__("" : : : "memory");
    thread_finish(t);
    if (c->tcb) {
        c->tid = (pid_t)syscall(SYS_gettid);
        __atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
    } else {
        rt_free(c);
    }
    return rc;
}

DECLARE_REAL(int, clone, int (*)(void *), void *, int, void *, ...);
RT_EXPORT int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
    RESOLVE_REAL(clone);
    va_list ap;
    va_start(ap, arg);
    pid_t *ptid = va_arg(ap, pid_t *);
    void *tls = va_arg(ap, void *);
    pid_t *ctid = va_arg(ap, pid_t *);
    va_end(ap);
    struct crace_thread *cur = intercept_thread();
    if (!cur || !(flags & CLONE_VM) || !fn)
        return REAL(clone)(fn, stack, flags, arg, ptid, tls, ctid);
    reap_children(cur);
    struct clone_start *c = rt_alloc(sizeof *c);
    c->fn = fn;
    c->arg = arg;
    c->stack = (uintptr_t)stack;
    mark_multi_threaded(); /* before new_tls copies the descriptor's flags */
    if (!(flags & CLONE_SETTLS)) {
        c->tcb = new_tls();
        if (c->tcb) {
            flags |= CLONE_SETTLS;
            tls = c->tcb;
        }
    }
    /* a raw clone child is never joined with pthread_join: detached */
    struct crace_thread *t = thread_spawn_begin(cur, RT_CALLER_PC(), 1, 0, 0, arg);
    void *tcb = c->tcb;
    c->t = t;
    /* Without a TLS of ours the child frees c: not touched after the call. */
    int rc = REAL(clone)(crace_clone_start, stack, flags, c, ptid, tls, ctid);
    thread_spawn_end(cur, t, rc != -1, 0);
    if (rc == -1) {
        if (tcb)
            free_tls(cur, tcb);
        rt_free(c);
    } else if (tcb) {
        rt_lock_acquire(&lock);
        c->next = children;
        children = c;
        rt_lock_release(&lock);
    }
    return rc;
}
