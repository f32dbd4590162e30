/*
 * sighazard.c - hazards of asynchronous signal handlers (sighazard.h).
 *
 * Per thread slot, the asynchronous handlers running now (nested ones
 * too): the signal, the errno the interrupted code had, and the frame
 * address of the runtime function that called the handler. A call made
 * below that frame is the handler's; one made above it is not (the
 * handler was left by longjmp: its entry is dropped). The state is a
 * static array, written only by its thread, so that nothing in a handler
 * allocates.
 *
 * A hazard is copied into a fixed pool of records (the calling stack, the
 * thread) from inside the handler, and reported later from a point where
 * no handler runs: a thread's creation or end, the program's exit, or an
 * unsafe call outside a handler while a handler runs elsewhere. A site already in the pool is not
 * noted again; past the pool's size hazards are not noted.
 */
#include "sighazard.h"
#include "options.h"
#include "report_tools.h"
#include "suppress.h"

#include <errno.h>

#define NEST_MAX 4      /* handlers running at once on a thread, kept */
#define POOL 64         /* hazards waiting for (or past) their report */
#define HAZARD_STACK 64 /* frames of a hazard kept */
/* errno while a handler runs: no call sets it (as TSan, which uses 99). */
#define ERRNO_MARK 0x7ead5193

struct running {
    int sig;
    int saved_errno; /* the interrupted code's */
    uintptr_t frame; /* every frame of the handler lies below */
    uintptr_t handler;
};

struct sig_thread {
    uint32_t n;    /* handlers in run[] */
    uint32_t deep; /* nested past NEST_MAX, not kept */
    struct running run[NEST_MAX];
};
static struct sig_thread threads[CELL_MAX_SLOTS];

struct hazard {
    int ready; /* filled (release): may be reported */
    int what;  /* enum report_signal_hazard */
    int sig;
    const char *fn;
    uintptr_t key; /* the call's pc, or the handler's address */
    struct kept_thread thr;
    uint32_t depth;
    uintptr_t stack[HAZARD_STACK];
};
static struct hazard pool[POOL];
static uint32_t nclaimed;  /* records claimed so far */
static uint32_t nreported; /* records reported so far; guarded by flush_lock */
static rt_lock flush_lock;

/* Handlers of t's that were left by a jump: their frames lie below us. */
static void drop_left(struct sig_thread *st, uintptr_t here)
{
    while (st->n > 0 && here >= st->run[st->n - 1].frame) {
        st->n--;
        __atomic_fetch_sub(&ev_handlers, 1, __ATOMIC_RELAXED);
    }
}

/* The handler t runs now (the innermost), or NULL. */
static struct running *in_handler(struct crace_thread *t)
{
    struct sig_thread *st = &threads[t->slot];
    if (st->n == 0)
        return 0;
    drop_left(st, (uintptr_t)__builtin_frame_address(0));
    return st->n ? &st->run[st->n - 1] : 0;
}

/* Note a hazard (in the handler: no allocation, no lock). */
static void note(struct crace_thread *t, int what, const char *fn, uintptr_t key, uintptr_t pc)
{
    struct running *r = &threads[t->slot].run[threads[t->slot].n - 1];
    uint32_t n = __atomic_load_n(&nclaimed, __ATOMIC_ACQUIRE);
    for (uint32_t i = 0; i < n && i < POOL; i++)
        if (pool[i].key == key && pool[i].what == what)
            return;
    uint32_t i = __atomic_fetch_add(&nclaimed, 1, __ATOMIC_ACQ_REL);
    if (i >= POOL)
        return;
    struct hazard *h = &pool[i];
    h->what = what;
    h->sig = r->sig;
    h->fn = fn;
    h->key = key;
    kept_thread_fill(&h->thr, t);
    /* the handler's frames, then the interrupted code's callers (the frame
     * it was interrupted in is not on the shadow stack); the main thread's
     * outermost entry is main's caller in libc, which a stack through main
     * never shows */
    h->depth = thread_stack_copy(t, pc, h->stack, HAZARD_STACK);
    if (t->uid == 0 && h->depth > 1 && h->depth == t->depth + 1)
        h->depth--;
    __atomic_store_n(&h->ready, 1, __ATOMIC_RELEASE);
}

static void hazard_job(void *arg)
{
    struct hazard *h = arg;
    if (report_once(REPORT_SIGNAL, report_location_key(h->stack[0]), (uintptr_t)h->what))
        return;
    struct crace_report r = {0};
    int suppressed = 0;
    report_tools_begin(&r, REPORT_SIGNAL, 1, 0, 1);
    r.tools->what = h->what;
    r.tools->sig = h->sig;
    r.tools->fn = h->fn;
    struct report_site *s = report_tools_site(&r, SITE_CALL, h->stack, h->depth, &suppressed);
    report_kept_thread_ref(&r, &s->thread, &h->thr);
    report_tools_thread(&r, &h->thr);
    report_print(&r, suppressed);
    report_model_free(&r);
}

/* Report the hazards noted so far, from a thread (t; NULL once it
 * finished) that runs no handler. */
static void flush(struct crace_thread *t)
{
    if (likely(__atomic_load_n(&nclaimed, __ATOMIC_RELAXED) == nreported))
        return;
    if (t && in_handler(t))
        return;
    rt_lock_acquire(&flush_lock);
    uint32_t n = __atomic_load_n(&nclaimed, __ATOMIC_ACQUIRE);
    for (; nreported < n && nreported < POOL; nreported++) {
        struct hazard *h = &pool[nreported];
        if (!__atomic_load_n(&h->ready, __ATOMIC_ACQUIRE))
            break; /* still being filled: the next flush takes it */
        report_call(t, hazard_job, h);
    }
    if (n >= POOL)
        nreported = n;
    rt_lock_release(&flush_lock);
}

static void signal_enter(struct crace_thread *t, const struct ev_signal *s)
{
    if (!s->async)
        return;
    struct sig_thread *st = &threads[t->slot];
    drop_left(st, s->frame);
    if (st->n == NEST_MAX) {
        st->deep++;
        return;
    }
    st->run[st->n] = (struct running){s->sig, errno, s->frame, s->handler};
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    st->n++;
    errno = ERRNO_MARK;
}

static void signal_leave(struct crace_thread *t, const struct ev_signal *s)
{
    if (!s->async)
        return;
    struct sig_thread *st = &threads[t->slot];
    if (st->deep) {
        st->deep--;
        return;
    }
    /* handlers nested in this one that were left by a jump */
    while (st->n > 1 && st->run[st->n - 1].frame < s->frame) {
        st->n--;
        __atomic_fetch_sub(&ev_handlers, 1, __ATOMIC_RELAXED);
    }
    if (st->n == 0 || st->run[st->n - 1].frame != s->frame)
        return;
    struct running *r = &st->run[st->n - 1];
    if (errno != ERRNO_MARK)
        note(t, SIGNAL_ERRNO, 0, r->handler, r->handler + 1);
    else
        errno = r->saved_errno;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    st->n--;
}

/* Blocking calls are not async-signal-safe either: named by their pthread
 * form (mtx_lock and flockfile wait as pthread_mutex_lock does). */
static const char *wait_name(int kind)
{
    static const char *const names[] = {
        [EV_WAIT_MUTEX] = "pthread_mutex_lock",
        [EV_WAIT_RDLOCK] = "pthread_rwlock_rdlock",
        [EV_WAIT_WRLOCK] = "pthread_rwlock_wrlock",
        [EV_WAIT_SPIN] = "pthread_spin_lock",
        [EV_WAIT_COND] = "pthread_cond_wait",
        [EV_WAIT_JOIN] = "pthread_join",
        [EV_WAIT_SEM] = "sem_wait",
        [EV_WAIT_BARRIER] = "pthread_barrier_wait",
        [EV_WAIT_ONCE] = "pthread_once",
    };
    return kind > 0 && kind <= EV_WAIT_ONCE ? names[kind] : "a blocking call";
}

/* Calls glibc makes inside another call (stdio allocating its buffer) are
 * that call's business. fn NULL: the blocking call t's wait describes. */
static void unsafe_call(struct crace_thread *t, const char *fn, uintptr_t pc)
{
    if (in_handler(t) && !suppress_caller(pc))
        note(t, SIGNAL_UNSAFE_CALL, fn ? fn : wait_name(t->wait.kind), pc, pc);
    else
        flush(t);
}

/* A new thread on the slot runs no handler. */
static void thread_started(struct crace_thread *t)
{
    struct sig_thread *st = &threads[t->slot];
    if (st->n)
        __atomic_fetch_sub(&ev_handlers, (int)st->n, __ATOMIC_RELAXED);
    st->n = 0;
    st->deep = 0;
}

static void thread_created(struct crace_thread *parent, struct crace_thread *child)
{
    (void)child;
    flush(parent);
}

static void thread_finished(struct crace_thread *t)
{
    flush(t);
}

static void program_exit(void)
{
    flush(crace_cur);
}

static int sighazard_on(void)
{
    return opt_report_signal_unsafe;
}

const struct ev_tool sighazard_tool = {
    .name = "sighazard",
    .on = sighazard_on,
    .thread_created = thread_created,
    .thread_started = thread_started,
    .thread_finished = thread_finished,
    .signal_enter = signal_enter,
    .signal_leave = signal_leave,
    .unsafe_call = unsafe_call,
    .program_exit = program_exit,
};
