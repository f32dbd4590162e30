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
 * unchanged: a data race has two accesses (current, previous); a deadlock
 * would have one access per thread in the cycle, each with its stack and
 * the locks it held; a thread leak would have threads only.
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

enum report_kind { REPORT_DATA_RACE };

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
    struct report_block *memory;
};

/* Zeroed memory owned by the report (freed by report_model_free). */
void *report_model_alloc(struct crace_report *r, size_t n);
void report_model_free(struct crace_report *r);

#endif
