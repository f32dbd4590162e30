/*
 * report_tools.h - the reports of the lock and signal tools: the sections
 * of their kinds (report_model.h: REPORT_LOCK_ORDER, REPORT_LOCK_MISUSE,
 * REPORT_THREAD_LEAK, REPORT_SIGNAL), the renderers of those sections
 * (render_tools.c, called by render_text.c and render_json.c) and what a
 * tool calls to build and print one (report.c, report_gather.c).
 *
 * Such a report is a list of sites, each a stack with what happened there
 * (its role: the header line above the stack), plus the mutexes and
 * threads of report_model.h:
 *
 *   lock order   per edge of the cycle: ACQUIRED (the lock taken while
 *                holding the other) then HELD_SINCE (where the held one was
 *                taken); cycle[] lists the mutexes in order
 *   misuse       CALL (the offending call), then OWNER_ACQUIRED (where the
 *                holder took the lock), HELD_SINCE (where the caller itself
 *                took it), DESTROYED or OTHER_WAIT, when known
 *   thread leak  no site: threads[0] is the first leaked thread, leaked[]
 *                all of them (created at the same place)
 *   signal       CALL: the unsafe call, or the handler that spoiled errno
 *                (its first frame is the handler, then the interrupted code)
 */
#ifndef CRACE_REPORT_TOOLS_H
#define CRACE_REPORT_TOOLS_H

#include "report_model.h"
#include "report_render.h"
#include "thread.h"

enum report_misuse {
    MISUSE_UNLOCK_UNLOCKED,  /* nobody holds it */
    MISUSE_UNLOCK_NOT_OWNER, /* another thread holds it */
    MISUSE_DOUBLE_LOCK,      /* its owner locks a non-recursive lock again */
    MISUSE_DESTROY_LOCKED,   /* destroyed while some thread holds it */
    MISUSE_USE_DESTROYED,    /* locked or unlocked after its destroy */
    MISUSE_COND_TWO_MUTEXES, /* a condition variable waited on with two mutexes at once */
};

enum report_signal_hazard {
    SIGNAL_UNSAFE_CALL, /* a call that is not async-signal-safe in a handler */
    SIGNAL_ERRNO,       /* a handler returned with errno changed */
};

enum report_site_role {
    SITE_ACQUIRED,       /* "Mutex M2 acquired here while holding M1, by thread T1:" */
    SITE_HELD_SINCE,     /* "Mutex M1 previously acquired by the same thread here:" */
    SITE_CALL,           /* the misuse or the unsafe call */
    SITE_OWNER_ACQUIRED, /* "Mutex M1 acquired by thread T2 here:" (its holder) */
    SITE_DESTROYED,      /* "Mutex M1 destroyed by thread T1 here:" */
    SITE_OTHER_WAIT,     /* "Thread T1 waits on it with mutex M1 here:" */
};

struct report_site {
    enum report_site_role role;
    struct report_thread_ref thread;
    uint32_t mutex; /* M id of the lock acquired, used or waited with; 0: none */
    uint32_t other; /* ACQUIRED: the lock held meanwhile; 0: none */
    struct report_stack stack;
};

struct report_tools {
    int what;        /* misuse: enum report_misuse; signal: enum report_signal_hazard */
    int timed;       /* double lock: a timed call (it times out instead of hanging) */
    uint32_t ncycle; /* lock order: the mutexes of the cycle, in order */
    uint32_t *cycle;
    uint32_t nsites;
    struct report_site *sites;
    uintptr_t cond;   /* misuse: the condition variable */
    int sig;          /* signal: its number */
    const char *fn;   /* signal: the unsafe function */
    uint32_t nleaked; /* thread leak: T numbers of the leaked threads */
    uint32_t *leaked;
};

/* A thread as a tool keeps it for a later report: its record may be gone
 * by then (filling it only copies: fine in a signal handler). */
#define KEPT_CREATE_MAX 32
struct kept_thread {
    const struct crace_thread *rec; /* compared, never read: to tell if it still runs */
    uint32_t uid;
    char name[THREAD_NAME_MAX];
    uint32_t ncreate; /* 0: not created through pthread_create */
    uintptr_t create[KEPT_CREATE_MAX];
};
void kept_thread_fill(struct kept_thread *k, const struct crace_thread *t);

/* Renderers of the sections above (render_tools.c). */
void render_text_tools(struct report_out *o, const struct crace_report *r, int color);
void render_json_tools(struct report_out *o, const struct crace_report *r);
/* The title after "WARNING: " of a report of these kinds. */
const char *report_tools_title(const struct crace_report *r);

/*
 * Building a report (report.c). report_run calls fn(arg) on the report
 * stack with the report lock held and the calling thread t (crace_cur;
 * NULL once it finished) in runtime mode; nothing happens when t is
 * already in the runtime. fn
 * gathers a report and hands it to report_emit, which prints it, unless
 * `suppressed`, and counts it by kind. report_once: 1 if this key of this
 * kind was reported before (else it is remembered).
 */
void report_run(struct crace_thread *t, void (*fn)(void *arg), void *arg);
void report_emit(struct crace_report *r, int suppressed);
int report_once(int kind, uintptr_t a, uintptr_t b);
/* What identifies a code location (its source line, else its pc). */
uintptr_t report_location_key(uintptr_t pc);

/*
 * Gathering (report_gather.c; report lock held): a stack from pcs
 * (innermost first: call sites or access pcs, as the shadow stack keeps
 * them), matching every frame against the suppression rules of `kind`
 * when suppressed is non-NULL (*suppressed set on a match); a thread
 * reference; a mutex's origin (by its id and address); a thread block
 * from a live record or from what a tool kept of one.
 */
void report_gather_stack(struct crace_report *r, struct report_stack *s, const uintptr_t *pcs,
                         uint32_t n, int kind, int *suppressed);
void report_gather_thread_ref(struct crace_report *r, struct report_thread_ref *ref,
                              const struct crace_thread *t);
void report_gather_mutex(struct crace_report *r, struct report_mutex *m);
void report_gather_thread_block(struct crace_report *r, struct report_thread *d,
                                const struct crace_thread *t);

/*
 * A tool's report, step by step (report_tools.c; report lock held):
 * begin sizes its arrays (at most that many sites, mutexes and threads);
 * report_tools_mutex numbers a lock (M1, M2... in order of first mention);
 * report_tools_site adds a site with its stack (matched against the kind's
 * suppressions when suppressed is non-NULL); report_tools_thread adds a
 * thread block (none for the main thread, one per thread); end gathers
 * where each mutex came from. Then report_emit.
 */
void report_tools_begin(struct crace_report *r, int kind, uint32_t sites, uint32_t mutexes,
                        uint32_t threads);
uint32_t report_tools_mutex(struct crace_report *r, uintptr_t addr);
struct report_site *report_tools_site(struct crace_report *r, int role, const uintptr_t *pcs,
                                      uint32_t n, int *suppressed);
void report_kept_thread_ref(struct crace_report *r, struct report_thread_ref *ref,
                            const struct kept_thread *k);
void report_tools_thread(struct crace_report *r, const struct kept_thread *k);
void report_tools_end(struct crace_report *r);

#endif
