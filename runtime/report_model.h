/*
 * report_model.h - what a report says, as plain data.
 *
 * A report is gathered once (report_gather.c: history replay, symbolization,
 * heap/global/thread lookups, lock origins) into a struct crace_report and
 * then handed to a renderer: render_text.c (Go's layout) or render_json.c
 * (JSON Lines, schema in README.md). Nothing in the model points into
 * runtime tables that may change after gathering: strings are either the
 * symbolizer's (valid until exit) or copied into the report's own memory,
 * and every field is already in the form the renderers print (file paths
 * pass through report_path, lock numbers M1, M2... are assigned).
 *
 * The model is a list of sections so that other kinds of report fit it
 * unchanged: a data race has two accesses (current, previous); the lock and
 * signal tools' kinds add their own sections (report_tools.h) and share the
 * mutexes and threads.
 *
 *   crace_report
 *     kind                      REPORT_DATA_RACE
 *     accesses[naccesses]       what each thread did, in the order shown
 *       role                    current / previous
 *       read, atomic, freed     the access's kind ("Atomic read", " (free)")
 *       addr                    its first byte
 *       thread                  who (thread_ref)
 *       stack_known             0: history overwritten, no stack and no locks
 *       stack                   (report_stack)
 *       held[nheld]             locks held: id (the n of Mn), addr, read
 *     location                  what the memory is: none, global, heap (with
 *                               its allocation stack), a thread's stack or TLS,
 *                               a file descriptor
 *     mutexes[nmutexes]         every lock named by an access, by id: where
 *                               it was created or first locked (or unknown)
 *     threads[nthreads]         the threads shown with their creation stacks
 *                               and labels (the main thread only when it has
 *                               labels)
 *
 *   A deadlock (kind REPORT_DEADLOCK, deadlock.c) and the all-thread dump
 *   (dump.c, not a report) are made of thread blocks: one per thread (or
 *   per group of threads in the same state with the same stack), each with
 *   what it waits for (report_wait), its stack, the locks it holds and its
 *   creation stack. A deadlock also has the locks it names (mutexes, with
 *   their origins) and, for a wait-for cycle, the cycle in order.
 *
 *   report_stack: frames[nframes] innermost first, already filtered (runtime
 *   frames hidden, ending at `main`); npcs is how many pcs were recorded (0:
 *   none at all) and first_pc the first of them, for a stack of which no
 *   frame is shown; missing counts the outer frames of a deeper stack that
 *   were not recorded (the shadow stack keeps THREAD_STACK_CAP frames, a
 *   history snapshot TRACE_PART_STACK, replay 256).
 */
#ifndef CRACE_REPORT_MODEL_H
#define CRACE_REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* One symbolized frame. */
struct report_frame {
    const char *function;    /* NULL: unknown (printed "??") */
    int signature;           /* function is a demangled C++ name that ends with
                                its parameter list ("ns::f(int)"): no "()" added */
    const char *file;        /* printable path; NULL when file:line is unknown */
    int line;                /* 0 when file is NULL */
    const char *module;      /* ELF module path; NULL when unknown */
    uintptr_t module_offset; /* of pc - 1 within the module */
    uintptr_t pc;            /* as recorded: the access pc or a return address */
    uintptr_t func_start;    /* first byte of the enclosing function; 0: unknown */
};

struct report_stack {
    uint32_t nframes;
    struct report_frame *frames; /* innermost first */
    uint32_t npcs;               /* pcs recorded; 0: no stack was recorded */
    uintptr_t first_pc;          /* the first recorded pc (0 when none) */
    uint32_t missing;            /* outer frames not recorded (a stack deeper than
                                    what is kept); shown after the frames */
};

/* A thread as named in a report line. */
struct report_thread_ref {
    int known;        /* 0: the thread could not be found ("an unknown thread") */
    uint32_t uid;     /* T<uid>; 0 is the main thread */
    const char *name; /* crace_thread_name() / AnnotateThreadName; NULL if none */
};

/* A lock held at an access. */
struct report_held {
    uint32_t id; /* M<id> */
    uintptr_t addr;
    int read; /* held for reading */
};

enum report_access_role { REPORT_CURRENT, REPORT_PREVIOUS };

struct report_access {
    enum report_access_role role;
    int read, atomic, freed;
    uintptr_t addr;
    struct report_thread_ref thread;
    int stack_known; /* 0: its stack and locks could not be rebuilt */
    struct report_stack stack;
    uint32_t nheld;
    struct report_held *held; /* repeats (a recursive lock's levels) removed */
};

enum report_location_kind {
    REPORT_LOC_NONE,
    REPORT_LOC_GLOBAL,
    REPORT_LOC_HEAP,
    REPORT_LOC_STACK,
    REPORT_LOC_TLS,
    REPORT_LOC_FD,
};

struct report_location {
    enum report_location_kind kind;
    uintptr_t addr;            /* global, heap: the object's first byte */
    size_t size;               /* global, heap */
    const char *name;          /* global */
    const char *file;          /* global: printable declaration path; NULL when unknown */
    int line;                  /* global: 0 when unknown */
    uint32_t uid;              /* heap: allocating thread; stack, tls: owner */
    uint32_t freed_by;         /* heap: the freeing thread + 1, 0 while the block lives */
    int fd;                    /* fd: the file descriptor whose word this is (fd.h) */
    struct report_stack stack; /* heap: the allocation stack */
};

enum report_mutex_origin {
    REPORT_MUTEX_UNKNOWN, /* destroyed since */
    REPORT_MUTEX_CREATED,
    REPORT_MUTEX_FIRST_LOCKED,
};

struct report_mutex {
    uint32_t id; /* M<id>; mutexes[i].id == i + 1 */
    uintptr_t addr;
    enum report_mutex_origin origin;
    uint32_t uid;              /* who created or first locked it */
    struct report_stack stack; /* where */
};

struct report_thread {
    struct report_thread_ref ref;
    int finished;
    struct report_stack created_at; /* npcs 0: not created through pthread_create */
    uint32_t nlabels;               /* its labels now (crace_set_label): */
    const char **labels;            /* key, value, key, value... */
};

/* What a thread is doing, in a thread block. */
enum report_wait_kind {
    REPORT_WAIT_RUNNING, /* not in a wait crace understands (running, I/O, sleep) */
    REPORT_WAIT_MUTEX,
    REPORT_WAIT_RDLOCK, /* a rwlock, for reading */
    REPORT_WAIT_WRLOCK, /* a rwlock, for writing */
    REPORT_WAIT_SPIN,
    REPORT_WAIT_COND,
    REPORT_WAIT_JOIN,
    REPORT_WAIT_SEM,
    REPORT_WAIT_BARRIER,
    REPORT_WAIT_ONCE,
};

/* A thread holding the lock a thread waits for. */
struct report_holder {
    struct report_thread_ref ref;
    int finished; /* it ended without releasing it */
    int read;     /* held for reading */
};

struct report_wait {
    enum report_wait_kind kind;
    const char *call;     /* the blocking function ("pthread_mutex_lock"); NULL: unknown */
    uintptr_t addr;       /* the object waited on (a join: the pthread_t) */
    uint32_t mutex_id;    /* locks: M<id> of addr; a condition: of its mutex; 0: none */
    uintptr_t mutex_addr; /* a condition's mutex */
    uint32_t cond_id;     /* a condition: C<id> */
    uint32_t nholders;    /* locks: who holds addr (conflicting with the wait) */
    struct report_holder *holders;
    struct report_thread_ref joined; /* a join: the thread (known 0: not a thread crace knows) */
    int timed;                       /* a wait with a timeout */
    int64_t ms;                      /* how long it has waited, about; -1: unknown */
    const char *note; /* running: what it is known to do ("in crace_dump"), or NULL */
};

/* One thread, or a group of threads alike (same wait, same stack, same locks). */
struct report_thread_block {
    struct report_thread_ref ref;
    struct report_wait wait;
    struct report_stack stack; /* npcs 0: unknown */
    int partial;               /* running: its innermost frames (the function it is in,
                                  below its last instrumented call) are unknown */
    uint32_t nheld;
    struct report_held *held;
    struct report_stack created_at;   /* npcs 0: main, or not created through pthread_create */
    struct report_thread_ref creator; /* who created it (known 0: not known) */
    uint32_t nlike;                   /* other threads in the same state, by uid */
    uint32_t *like;
};

/* One step of a wait-for cycle: block `block` waits for the next step's
 * thread (a lock it holds: mutex_id; a join: mutex_id 0). */
struct report_cycle_step {
    uint32_t block;
    uint32_t mutex_id;
};

/* Every kind of report; each is gathered once into this model and
 * rendered by render_text.c / render_json.c (other kinds: render_deadlock.c,
 * render_tools.c), counted per kind in the exit summary and matched by the
 * suppression rules of its kind (suppress.h). */
enum report_kind {
    REPORT_DATA_RACE,
    REPORT_DEADLOCK,    /* deadlock.c: threads blocked for good, now */
    REPORT_LOCK_ORDER,  /* lockgraph.c: a cycle in the order locks are taken */
    REPORT_LOCK_MISUSE, /* lockcheck.c: a lock used wrongly */
    REPORT_THREAD_LEAK, /* lockcheck.c: threads never joined nor detached */
    REPORT_SIGNAL,      /* sighazard.c: a signal handler's hazard */
    REPORT_KINDS
};

/*
 * The sections of the lock and signal tools' kinds (lockgraph.c,
 * lockcheck.c, sighazard.c; rendered by render_tools.c): a list of sites,
 * each a stack with what happened there (its role: the header line above
 * the stack), plus the mutexes and threads above.
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

/* Memory of one report: every array and copied string of the model. */
struct report_block;

struct crace_report {
    enum report_kind kind;
    uint32_t naccesses;
    struct report_access *accesses; /* data race: [0] current, [1] previous */
    struct report_location location;
    uint32_t nmutexes;
    struct report_mutex *mutexes;
    uint32_t nthreads;
    struct report_thread *threads;
    /* Deadlocks: every thread involved (cycle: those of the cycle; else all
     * live threads), and the cycle's steps (ncycle 0: all threads blocked). */
    uint32_t nblocks;
    struct report_thread_block *blocks;
    uint32_t ncycle;
    struct report_cycle_step *cycle;
    struct report_tools *tools; /* REPORT_LOCK_ORDER and later kinds */
    struct report_block *memory;
};

/* Zeroed memory owned by the report (freed by report_model_free). */
void *report_model_alloc(struct crace_report *r, size_t n);
void report_model_free(struct crace_report *r);

#endif
