/*
 * thread.h - the runtime's per-thread state and the thread registry.
 *
 * Every thread the program runs has a struct crace_thread, reached through
 * the initial-exec TLS pointer crace_cur. A thread the runtime did not see
 * being created announces itself the first time it reaches the runtime
 * (an access, a function entry, an atomic, an interceptor: all of them go
 * to thread_current_slow when crace_cur is NULL).
 *
 * A thread runs on a "slot": the 16-bit identity recorded in shadow cells
 * and the index into vector clocks. Slots are recycled after their thread
 * finished (thread.c says when, and what that costs); a thread taking over
 * a slot continues its epoch sequence and its history ring, so old shadow
 * cells stay meaningful: a cell of its slot with an epoch below its
 * start_epoch is a predecessor's. Thread numbers shown to users (T1, T2,
 * ...) are never reused.
 *
 * The runtime's static TLS is a few words (crace_cur and the state words of
 * thread.c, signal.c, heap.c, internal.c and pthread_once): glibc carves
 * static TLS out of each thread's stack, so every byte here is a byte less
 * for a program's PTHREAD_STACK_MIN threads.
 */
#ifndef CRACE_THREAD_H
#define CRACE_THREAD_H

#include "cell.h"
#include "clock.h"
#include "history.h"
#include "labels.h"
#include "rt.h"

#include <pthread.h>
#include <signal.h>
#include <sys/types.h>

/* Shadow stack frames kept, a power of two: the innermost ones of a deeper
 * stack (frame d lives in stack[d % THREAD_STACK_CAP]); the outermost are
 * only counted. */
#define THREAD_STACK_CAP 4096
#define THREAD_NAME_MAX 64
#define THREAD_ROBUST_MAX 8   /* robust mutexes a thread is known to hold at once */
#define THREAD_ATOMIC_SEEN 16 /* atomic addresses whose last-seen version is kept */
#define THREAD_JMP_MAX 32     /* setjmp buffers remembered (intercept_setjmp.c) */

/* A setjmp buffer and the shadow stack depth when it was filled. */
struct thread_jmp {
    const void *env;
    uint32_t depth;
};

/* Flags of lock ownership changes and waits (events.h). */
#define EV_TIMED 1u /* a wait with a timeout: never a deadlock */
#define EV_TRY 2u   /* a lock taken by a try operation: it never waited */
#define EV_READ 4u  /* a lock taken for reading (shared) */

/*
 * What the thread is blocked on now (events.h): written only by the thread
 * itself, read by the tools' own threads (a watchdog, a dump) and by other
 * threads' tool code. kind is stored last (release) when a wait begins.
 */
struct thread_wait {
    int kind;       /* enum ev_wait_kind; 0 = not in a wait the runtime understands */
    unsigned flags; /* EV_TIMED */
    uint32_t seq;   /* bumped by every wait begin and end: progress */
    uintptr_t obj;  /* the object waited on */
    uintptr_t aux;  /* a condition wait's mutex; a join's thread record */
    uintptr_t pc;   /* the waiting call's call site */
};

struct crace_thread {
    /* Hot: read on every instrumented access. Owned by the thread itself. */
    uint64_t fast;       /* cell_make(slot, current epoch) */
    uintptr_t own_off;   /* byte offset of the slot's own cell in a granule (shadow.h) */
    int ignore;          /* > 0: memory accesses are not checked (see THREAD_IGNORE_ALONE) */
    int in_rt;           /* > 0: inside the runtime; interceptors pass through */
    struct vclock clock; /* clock.e[slot] is this thread's current epoch */
    struct trace *tr;    /* the slot's history ring */
    uintptr_t *stack;    /* shadow call stack: call-site pcs, outermost first */
    uint32_t depth;      /* may exceed THREAD_STACK_CAP (see there) */
    int ignore_sync;     /* > 0: synchronization is not recorded */

    /* Fences (atomic.c). A release fence snapshots the clock; later relaxed
     * stores and read-modify-writes publish that snapshot. Every relaxed
     * read joins the clock its value carries into fence_pending, which the
     * next acquire fence joins into the clock. */
    struct vclock fence_clock;
    int has_fence_clock;
    int has_fence_pending; /* fence_pending may hold something clock lacks */
    struct vclock fence_pending;
    /* Atomic loads (atomic.c): per address, the sync version (sync.h) at
     * which the thread last took the address's clock, into its clock
     * (acquired) or only into fence_pending. */
    struct atomic_seen {
        uintptr_t addr;
        uint32_t version;
        uint32_t acquired;
    } atomic_seen[THREAD_ATOMIC_SEEN];
    unsigned atomic_seen_gen; /* bumped by every update (a signal handler's too) */

    /* Cold: set at creation, read by reports under the registry lock. */
    uint32_t slot;
    uint32_t uid;            /* T<uid>; 0 is the main thread */
    uint64_t start_epoch;    /* first epoch of this thread on its slot */
    uint64_t final_epoch;    /* last epoch, once finished */
    uint64_t orphan_epoch;   /* final epoch if it accessed memory after its last release */
    uint64_t pred_known;     /* latest epoch of the slot's earlier owners it is ordered after */
    uint64_t tick_pos;       /* its history position right after its last epoch change */
    uintptr_t *create_stack; /* creation stack, innermost first */
    uint32_t create_depth;
    pthread_t pth;
    pid_t os_tid;
    int finished; /* written once by the thread at exit (release) */
    int joined;   /* written by the joiner */
    int detached;
    int spawning;    /* its creator has not finished pthread_create's bookkeeping */
    int released;    /* on the retired list (thread.c) */
    int exit_rounds; /* TSD destructor rounds seen at exit (thread.c) */
    int exiting;     /* inside pthread_exit: its unwinder's pthread_once is not modelled */
    uintptr_t robust[THREAD_ROBUST_MAX];   /* robust mutexes held (intercept_mutex.c) */
    struct held_set held;                  /* locks held now (reports); owned by the thread */
    struct thread_wait wait;               /* the blocking call it is in (events.h) */
    void *tools;                           /* the tools' per-thread state (events.c) */
    struct thread_jmp jmp[THREAD_JMP_MAX]; /* most recent last; owned by the thread */
    unsigned jmp_count;
    char name[THREAD_NAME_MAX];
    struct thread_labels labels;  /* crace_set_label (labels.h); written by the thread */
    uintptr_t stack_lo, stack_hi; /* its stack */
    uintptr_t tls_lo, tls_hi;     /* its static TLS (tls_hi: the thread pointer) */
    struct crace_thread *older;   /* previous incarnation on the same slot */
    struct crace_thread *newer;   /* next incarnation on the same slot */
    struct crace_thread *next;    /* all threads, newest first */
    struct crace_thread *prev;
    struct crace_thread *retired; /* finished and released records, oldest first */
    void *(*start_fn)(void *);    /* pthread_create's start routine, or */
    int (*start_c11)(void *);     /* thrd_create's */
    void *start_arg;
    sigset_t start_mask; /* the signal mask the thread starts with, */
    int start_unmask;    /* to be set once it is registered (thread_spawn_mask) */
};

/*
 * While the program has never had a second thread, none of its accesses can
 * take part in a race: every thread created later is ordered after them
 * (pthread_create is a release by its caller). So until the first
 * pthread_create, or until a thread we did not see created shows up, the
 * main thread's ignore count carries THREAD_IGNORE_ALONE and its accesses
 * are neither checked nor recorded: a program's start-up (filling tables,
 * reading configuration) costs no shadow memory and no checks. Only the
 * thread itself changes its ignore count, except for that one atomic
 * decrement by whoever ends the phase.
 */
#define THREAD_IGNORE_ALONE (1 << 24)
/* The second thread is about to exist: the main thread's accesses count from now on. */
void thread_end_alone_phase(void);

/* The calling thread's state; NULL before the runtime knows the thread. */
extern __thread struct crace_thread *crace_cur __attribute__((tls_model("initial-exec")));

/* The caller's state, registering a thread nobody told us about. */
struct crace_thread *thread_current_slow(void);
static inline struct crace_thread *thread_current(void)
{
    struct crace_thread *t = crace_cur;
    return likely(t != 0) ? t : thread_current_slow();
}

/* Registry */
void thread_init_main(void);
/* A thread is about to be created by parent (pc: the creating call); the
 * record is its creator's until thread_spawned or thread_discard. detached:
 * created detached (pthread attribute). */
struct crace_thread *thread_create(struct crace_thread *parent, uintptr_t pc, int detached);
void thread_start(struct crace_thread *t); /* runs on the new thread */
/* The same for a raw clone() child (intercept_clone.c). */
void thread_start_raw(struct crace_thread *t, uintptr_t stack_top);
/* The creator's pthread_create succeeded: t is findable by pth from now on
 * (the thread itself also registers it when it starts). t may already have
 * finished; after this call the creator must not touch t. */
void thread_spawned(struct crace_thread *t, pthread_t pth);
/* pthread_create failed: forget a record made by thread_create. */
void thread_discard(struct crace_thread *t);
void thread_finish(struct crace_thread *t); /* runs on the exiting thread */
struct crace_thread *thread_by_pthread(pthread_t p);
void thread_joined(struct crace_thread *joiner, struct crace_thread *t);
void thread_detached(struct crace_thread *t);
/* The incarnation of `slot` that ran at `epoch`, or NULL (unknown, or its
 * record is gone). The record stays valid while the report lock is held
 * (records are freed under it). */
struct crace_thread *thread_at(uint32_t slot, uint64_t epoch);
int thread_count_running(void);
/*
 * Call fn(t, arg) for every thread record, newest first (finished ones too,
 * until they are freed), with the registry lock held: fn must not take it
 * again, and must only copy what it needs. A live thread's shadow stack
 * (t->stack, while not finished) stays mapped until the lock is released:
 * a finishing thread unmaps it only after taking the lock itself.
 */
void thread_for_each(void (*fn)(struct crace_thread *t, void *arg), void *arg);
/* The newest thread whose stack or static TLS holds addr: 1 and *uid,
 * *is_tls set if one does. */
int thread_owning(uintptr_t addr, uint32_t *uid, int *is_tls);
void thread_set_name(struct crace_thread *t, const char *name);
/* Name the thread known as pth; 0 if no such thread is known. */
int thread_set_name_of(pthread_t pth, const char *name);

/*
 * t acquires the clock src (a lock, an atomic, a join). What src knew of
 * t's own slot from before t took it over is what t now knows of the
 * slot's earlier owners (vclock_join keeps t's own, larger epoch there).
 */
static inline void thread_acquire(struct crace_thread *t, const struct vclock *src)
{
    uint64_t e = vclock_get(src, t->slot);
    if (unlikely(e > t->pred_known && e < t->start_epoch))
        t->pred_known = e;
    vclock_join(&t->clock, src);
}
void thread_lock_registry(void);
/* In the child of fork, with the registry lock held: only self survives. */
void thread_after_fork_child(struct crace_thread *self);
void thread_unlock_registry(void);

/*
 * Creating a thread from an interceptor (intercept_thread.c; pthread_create
 * and thrd_create): spawn_begin makes the record (the new thread will run
 * fn(arg), or c11(arg) for thrd_create, through thread_spawn_start, which
 * the real call must be given with t as its argument); spawn_end says how
 * the real call went. cur ignores its accesses in between.
 */
extern void *(*const thread_spawn_start)(void *);
struct crace_thread *thread_spawn_begin(struct crace_thread *cur, uintptr_t pc, int detached,
                                        void *(*fn)(void *), int (*c11)(void *), void *arg);
void thread_spawn_end(struct crace_thread *cur, struct crace_thread *t, int ok, pthread_t th);
/*
 * Around the real pthread_create/thrd_create: the creator blocks the
 * asynchronous signals (saving its mask in *saved) so that the new thread
 * starts with them blocked and takes none before thread_spawn_start has
 * registered it (a handler run there was an unknown thread with no
 * happens-before edge from its creator); the new thread then sets the mask
 * it would have started with. unmask restores the creator's mask.
 */
void thread_spawn_mask(struct crace_thread *t, const pthread_attr_t *attr, sigset_t *saved);
void thread_spawn_unmask(const sigset_t *saved);

/* Advance the thread's epoch (after a release). */
void thread_tick(struct crace_thread *t);

/* Frame d (0 = outermost) of t's shadow stack; depth - THREAD_STACK_CAP <= d < depth. */
static inline uintptr_t thread_frame(const struct crace_thread *t, uint32_t d)
{
    return t->stack[d & (THREAD_STACK_CAP - 1)];
}

/* Outer frames of t's stack that are no longer kept (deeper than THREAD_STACK_CAP). */
static inline uint32_t thread_stack_missing(const struct crace_thread *t)
{
    return t->depth > THREAD_STACK_CAP ? t->depth - THREAD_STACK_CAP : 0;
}

/*
 * The caller's stack for a record (allocation, lock origin): pc, then the
 * shadow stack's call sites, innermost first; at most max entries.
 */
static inline uint32_t thread_stack_copy(const struct crace_thread *t, uintptr_t pc, uintptr_t *out,
                                         uint32_t max)
{
    uint32_t low = thread_stack_missing(t); /* the outermost frame kept */
    uint32_t n = 0;
    out[n++] = pc;
    for (uint32_t d = t->depth; d > low && n < max; d--)
        out[n++] = thread_frame(t, d - 1);
    return n;
}

/*
 * Signals and history. A signal handler runs instrumented code on the
 * thread it interrupts, so it appends to that thread's history too. Had it
 * run in the middle of an append (between reading the ring position and
 * publishing the new one), both would write the same ring words and the
 * interrupted writer would then publish a stale end: events lost, and an
 * event's words mixed with the handler's, which replay reads as frames that
 * were never there. Likewise a part snapshot taken by the handler between
 * an entry/exit event and the shadow stack change that goes with it would
 * be off by one frame for the whole part. So every history append, and
 * every change of the state a snapshot copies (shadow stack, locks held,
 * epoch) together with its event, runs with asynchronous signals deferred
 * (signal.c): a handler that arrives meanwhile runs right after. This is
 * the same deferral as holding a runtime lock, inlined: a thread-local
 * increment and decrement, and a test of the pending flag.
 */
static inline __attribute__((always_inline)) void thread_signals_hold(void)
{
    rt_lock_depth++;
    __atomic_signal_fence(__ATOMIC_SEQ_CST); /* the writes below stay after */
}

static inline __attribute__((always_inline)) void thread_signals_release(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST); /* the writes above stay before */
    if (--rt_lock_depth == 0 && unlikely(rt_signal_pending) && signal_deliver_pending)
        signal_deliver_pending();
}

/*
 * Append the n words of one event to the thread's history; the caller
 * holds signals (thread_signals_hold). A new part's snapshot is taken
 * before the event, so an event never straddles the point replay starts
 * from.
 */
static inline __attribute__((always_inline)) void trace_put_held(struct crace_thread *t,
                                                                 const uint64_t *w, unsigned n)
{
    struct trace *tr = t->tr;
    uint64_t pos = tr->pos;
    if (unlikely(pos >= tr->next_part)) {
        trace_new_part(t);
        pos = tr->pos;
    }
    uint64_t m = tr->cap - 1;
    for (unsigned i = 0; i < n; i++)
        tr->ring[(pos + i) & m] = w[i];
    __atomic_store_n(&tr->pos, pos + n, __ATOMIC_RELEASE);
}

/* The same with signals held around it. */
static inline __attribute__((always_inline)) void trace_put(struct crace_thread *t,
                                                            const uint64_t *w, unsigned n)
{
    thread_signals_hold();
    trace_put_held(t, w, n);
    thread_signals_release();
}

static inline void trace_put1(struct crace_thread *t, uint64_t w0)
{
    trace_put(t, &w0, 1);
}

static inline void trace_put2(struct crace_thread *t, uint64_t w0, uint64_t w1)
{
    const uint64_t w[2] = {w0, w1};
    trace_put(t, w, 2);
}

static inline void trace_put3(struct crace_thread *t, uint64_t w0, uint64_t w1, uint64_t w2)
{
    const uint64_t w[3] = {w0, w1, w2};
    trace_put(t, w, 3);
}

/*
 * Function entry and exit (__tsan_func_entry/exit): the event and the
 * shadow stack change together. The event comes first, so a part snapshot
 * that the event's append takes does not yet hold the frame it pushes.
 */
static inline __attribute__((always_inline)) void thread_enter(struct crace_thread *t, uintptr_t pc)
{
    thread_signals_hold();
    const uint64_t w = EV_ENTRY | ((uint64_t)pc << 2);
    trace_put_held(t, &w, 1);
    uint32_t d = t->depth++;
    t->stack[d & (THREAD_STACK_CAP - 1)] = pc;
    thread_signals_release();
}

static inline __attribute__((always_inline)) void thread_leave(struct crace_thread *t)
{
    thread_signals_hold();
    const uint64_t w = EV_EXIT;
    trace_put_held(t, &w, 1);
    t->depth--;
    thread_signals_release();
}

/* The tools' hook for lock ownership (events.h, which owns them). */
void ev_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc);
void ev_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc);

/* t took the lock at addr at pc (flags: EV_READ for reading, EV_TRY for a
 * try operation) / is about to release it: kept in t->held and logged in
 * its history, for reports, and told to the tools. */
static inline void thread_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags,
                                     uintptr_t pc)
{
    uintptr_t entry = addr | ((flags & EV_READ) ? HELD_READ : 0);
    const uint64_t w = EV_OTHER | (EVO_LOCK << 2) | ((uint64_t)entry << 8);
    thread_signals_hold();
    /* The event first: a part snapshot its append takes must not hold the
     * lock yet, or replay adds it twice and a later write looks locked. */
    trace_put_held(t, &w, 1);
    held_add(&t->held, entry);
    thread_signals_release();
    ev_lock_taken(t, addr, flags, pc);
}

static inline void thread_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    ev_lock_released(t, addr, pc);
    const uint64_t w = EV_OTHER | (EVO_UNLOCK << 2) | ((uint64_t)addr << 8);
    thread_signals_hold();
    trace_put_held(t, &w, 1); /* before the change, as above */
    held_remove(&t->held, addr);
    thread_signals_release();
}

#endif
