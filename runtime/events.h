/*
 * events.h - the one hook between the detector core and the tools built
 * on top of it (deadlock detection, lock-order graph, lock misuse, dumps,
 * profiles, the execution trace).
 *
 * The core (interceptors, thread registry, report path) tells this layer
 * what threads do besides memory accesses, and nothing else: it never
 * includes a tool's header, and tools never hook interceptors themselves.
 * events.c passes each event to the tools that are on.
 *
 *   ev_wait_begin/end   around a blocking call the runtime understands
 *                       (lock, condition wait, join, semaphore, barrier,
 *                       once), on the waiting thread. Between the two,
 *                       t->wait says what the thread waits for; other
 *                       threads (a watchdog, a dump) may read it.
 *   ev_lock_taken/released   ownership of a lock changes (thread.c, where
 *                       the held set is kept).
 *   ev_thread_*         thread lifecycle (thread.c).
 *   ev_wake             a thread signalled or broadcast a condition
 *                       variable or posted a semaphore (the interceptors).
 *   ev_report           a report was printed (report.c).
 *   ev_fini             the process exits (init.c, report.c).
 *
 * Every function here runs on the thread the event is about (joins and
 * creations: on the joiner / creator), inside the runtime: a tool may
 * allocate with rt_alloc and take runtime locks, and must not call back
 * into instrumented code.
 *
 * Cost: a wait updates a few words of the thread's own record; the rest is
 * one test of ev_tools (which tools are on, fixed at start-up) and, only
 * when a tool is on, a call.
 */
#ifndef CRACE_EVENTS_H
#define CRACE_EVENTS_H

#include "thread.h"

/* What a thread waits for (struct thread_wait.kind). */
enum ev_wait_kind {
    EV_WAIT_NONE,    /* not in a wait the runtime understands */
    EV_WAIT_MUTEX,   /* obj: the mutex (pthread, C11, a FILE's lock) */
    EV_WAIT_RDLOCK,  /* obj: the rwlock, for reading */
    EV_WAIT_WRLOCK,  /* obj: the rwlock, for writing */
    EV_WAIT_SPIN,    /* obj: the spinlock */
    EV_WAIT_COND,    /* obj: the condition variable; aux: its mutex */
    EV_WAIT_JOIN,    /* obj: the pthread_t; aux: the joined thread's record, or 0 */
    EV_WAIT_SEM,     /* obj: the semaphore */
    EV_WAIT_BARRIER, /* obj: the barrier */
    EV_WAIT_ONCE,    /* obj: the once control, initialized by another thread */
};

/* Flags of waits and lock events: EV_TIMED, EV_TRY, EV_READ (thread.h). */

/* How a thread wakes the waiters of an object (ev_wake). */
enum ev_wake_kind {
    EV_WAKE_SIGNAL,    /* pthread_cond_signal, cnd_signal */
    EV_WAKE_BROADCAST, /* pthread_cond_broadcast, cnd_broadcast */
    EV_WAKE_POST,      /* sem_post */
};

struct crace_report;

/*
 * A tool: its callbacks (NULL for events it does not need). events.c keeps
 * the list of all tools; at start-up those whose `on` says so (from the
 * options) become active, in list order, and get every event from then on.
 */
struct ev_tool {
    const char *name;
    int (*on)(void);    /* is the tool wanted (options parsed)? */
    void (*init)(void); /* once, on the main thread, before any event */
    void (*wait_begin)(struct crace_thread *t);
    void (*wait_end)(struct crace_thread *t, int ok);
    void (*lock_taken)(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc);
    void (*lock_released)(struct crace_thread *t, uintptr_t addr, uintptr_t pc);
    void (*thread_created)(struct crace_thread *parent, struct crace_thread *child);
    void (*thread_started)(struct crace_thread *t);
    void (*thread_finished)(struct crace_thread *t);
    void (*thread_joined)(struct crace_thread *joiner, struct crace_thread *t);
    void (*thread_detached)(struct crace_thread *t);
    void (*thread_freed)(struct crace_thread *t);
    void (*fini)(void); /* at exit, on the exiting thread, before the race summary */
    void (*wake)(struct crace_thread *t, uintptr_t obj, int how);
    void (*report)(const char *title, const struct crace_report *r);
};

/* Non-zero when any tool is active: set once at start-up, read-only after. */
extern unsigned ev_tools;

/* Activate the wanted tools (init.c, after the options are parsed). */
void ev_init(void);
/* The program exits (init.c's exit handler, in runtime mode, before the
 * summary and before a run with races ends with its exit status; report.c
 * before halt_on_error's exit, with the report lock held): tools write what
 * they collected, without taking the report lock. Once per process. */
void ev_fini(void);

/* Slow halves: only when a tool is on. */
void ev_wait_begin_tools(struct crace_thread *t);
void ev_wait_end_tools(struct crace_thread *t, int ok);
void ev_wake_tools(struct crace_thread *t, uintptr_t obj, int how);

/*
 * t is about to block in a call of this kind on obj (aux: see
 * ev_wait_kind) at pc. The fields are written before the kind (release):
 * a reader that sees the kind sees them. seq counts begins and ends, so a
 * reader can tell a thread that stayed in one wait from one that moved on.
 */
static inline void ev_wait_begin(struct crace_thread *t, int kind, uintptr_t obj, uintptr_t aux,
                                 unsigned flags, uintptr_t pc)
{
    struct thread_wait *w = &t->wait;
    w->obj = obj;
    w->aux = aux;
    w->flags = flags;
    w->pc = pc;
    __atomic_store_n(&w->seq, w->seq + 1, __ATOMIC_RELAXED);
    __atomic_store_n(&w->kind, kind, __ATOMIC_RELEASE);
    if (unlikely(ev_tools))
        ev_wait_begin_tools(t);
}

/* The call returned; ok: it got what it waited for (the lock, the join, a
 * decremented semaphore...), 0 for a timeout or an error. */
static inline void ev_wait_end(struct crace_thread *t, int ok)
{
    if (unlikely(ev_tools))
        ev_wait_end_tools(t, ok);
    __atomic_store_n(&t->wait.kind, EV_WAIT_NONE, __ATOMIC_RELEASE);
    __atomic_store_n(&t->wait.seq, t->wait.seq + 1, __ATOMIC_RELAXED);
}

/* t (NULL: nothing to do) is about to wake the waiters of obj (how: enum
 * ev_wake_kind), whether or not any thread waits. Called before the real
 * call, in the interceptor of each such call. */
static inline void ev_wake(struct crace_thread *t, const volatile void *obj, int how)
{
    if (unlikely(ev_tools) && t)
        ev_wake_tools(t, (uintptr_t)obj, how);
}

/* A report titled `title` ("DATA RACE") was just printed (not for a
 * suppressed one); r is its model (report_model.h). On the reporting thread,
 * in runtime mode, with the report lock held. */
void ev_report(const char *title, const struct crace_report *r);

/* ev_lock_taken(t, addr, flags, pc) / ev_lock_released(t, addr, pc): t
 * now holds the lock at addr (flags: EV_READ, EV_TRY) / is about to release
 * it; declared in thread.h, called where the held set changes
 * (thread_lock_taken/released). */

/* Thread lifecycle: parent created child (on the parent; its creation
 * stack is in the child's record; a failed creation ends with
 * ev_thread_finished on the parent); t starts
 * running (on t); t finished (on t, its last event); joiner joined t;
 * t was detached; t's record is about to be freed (drop per-thread state). */
void ev_thread_created(struct crace_thread *parent, struct crace_thread *child);
void ev_thread_started(struct crace_thread *t);
void ev_thread_finished(struct crace_thread *t);
void ev_thread_joined(struct crace_thread *joiner, struct crace_thread *t);
void ev_thread_detached(struct crace_thread *t);
void ev_thread_freed(struct crace_thread *t);

#endif
