/*
 * events.c - the dispatch behind events.h: the list of tools, which of
 * them are active, and the calls that hand each event to them.
 *
 * Adding a tool: define its `struct ev_tool` in its own file, declare it
 * below and add it to all_tools[]. Nothing else in the core changes.
 */
#include "events.h"
#include "deadlock.h"
#include "dump.h"
#include "exectrace.h"
#include "profile.h"

extern const struct ev_tool locks_tool, sighazard_tool;

/* locks first: on a self-deadlock it reports and ends the run before any
 * other tool sees the wait. */
static const struct ev_tool *const all_tools[] = {
    &locks_tool,     /* lock order, lock misuse, thread leaks (locktools.c) */
    &sighazard_tool, /* signal handler hazards */
    &deadlock_tool,  /* deadlocks now: wait-for cycles, all threads blocked */
    &dump_tool,      /* crace_dump(), dump_signal= */
    &profile_tool,   /* mutex, block and goroutine profiles; pprof_http */
    &exectrace_tool, /* trace_path: the execution trace */
    0,               /* the list ends with NULL */
};

#define TOOLS_MAX (sizeof all_tools / sizeof all_tools[0])

unsigned ev_tools;
/* Does an active tool want unsafe calls (then ev_handlers counts)? */
static int count_handlers;
int ev_handlers;

/*
 * Per event, the callbacks of the active tools that have one, in list
 * order, written once by ev_init: an event costs one call per tool that
 * wants it (lock events are frequent).
 */
#define CALLBACKS(fn)                                                                              \
    static __typeof__(((struct ev_tool *)0)->fn) fn##_cb[TOOLS_MAX];                               \
    static unsigned fn##_n
CALLBACKS(wait_begin);
CALLBACKS(wait_end);
CALLBACKS(lock_taken);
CALLBACKS(lock_released);
CALLBACKS(thread_created);
CALLBACKS(thread_started);
CALLBACKS(thread_finished);
CALLBACKS(thread_joined);
CALLBACKS(thread_detached);
CALLBACKS(thread_freed);
CALLBACKS(unlock_refused);
CALLBACKS(lock_destroy);
CALLBACKS(lock_invalid);
CALLBACKS(lock_forgotten);
CALLBACKS(signal_enter);
CALLBACKS(signal_leave);
CALLBACKS(unsafe_call);
CALLBACKS(program_exit);
CALLBACKS(fini);
CALLBACKS(wake);
CALLBACKS(report);

#define ADD(tool, fn)                                                                              \
    do {                                                                                           \
        if ((tool)->fn)                                                                            \
            fn##_cb[fn##_n++] = (tool)->fn;                                                        \
    } while (0)

static void activate(const struct ev_tool *tool)
{
    ADD(tool, wait_begin);
    ADD(tool, wait_end);
    ADD(tool, lock_taken);
    ADD(tool, lock_released);
    ADD(tool, thread_created);
    ADD(tool, thread_started);
    ADD(tool, thread_finished);
    ADD(tool, thread_joined);
    ADD(tool, thread_detached);
    ADD(tool, thread_freed);
    ADD(tool, unlock_refused);
    ADD(tool, lock_destroy);
    ADD(tool, lock_invalid);
    ADD(tool, lock_forgotten);
    ADD(tool, signal_enter);
    ADD(tool, signal_leave);
    ADD(tool, unsafe_call);
    ADD(tool, program_exit);
    ADD(tool, fini);
    ADD(tool, wake);
    ADD(tool, report);
    if (tool->unsafe_call)
        count_handlers = 1;
}

void ev_init(void)
{
    unsigned nactive = 0;
    for (unsigned i = 0; all_tools[i]; i++) {
        const struct ev_tool *tool = all_tools[i];
        if (!tool->on || !tool->on())
            continue;
        if (tool->init)
            tool->init();
        activate(tool);
        nactive++;
    }
    ev_tools = nactive;
}

/* Call every active callback of event `fn`, with the arguments. */
#define EACH_TOOL(fn, ...)                                                                         \
    do {                                                                                           \
        for (unsigned i_ = 0; i_ < fn##_n; i_++)                                                   \
            fn##_cb[i_](__VA_ARGS__);                                                              \
    } while (0)

/*
 * The frequent events (every lock and wait): with one callback, the usual
 * case, a tail call that saves no register; else the loop, out of line.
 * (No callback: one goes through the loop's out-of-line call, once per
 * event; ev_tools is non-zero only when some tool is on.)
 */
#define HOT_EVENT(fn, params, args)                                                                \
    static __attribute__((noinline)) void fn##_each params                                         \
    {                                                                                              \
        EACH_TOOL(fn, args);                                                                       \
    }
#define HOT_DISPATCH(fn, args)                                                                     \
    do {                                                                                           \
        if (likely(fn##_n == 1)) {                                                                 \
            fn##_cb[0](args);                                                                      \
            return;                                                                                \
        }                                                                                          \
        fn##_each(args);                                                                           \
    } while (0)
#define COMMA ,

HOT_EVENT(wait_begin, (struct crace_thread * t), t)
HOT_EVENT(wait_end, (struct crace_thread * t, int ok), t COMMA ok)
HOT_EVENT(lock_taken, (struct crace_thread * t, uintptr_t addr, unsigned flags, uintptr_t pc),
          t COMMA addr COMMA flags COMMA pc)
HOT_EVENT(lock_released, (struct crace_thread * t, uintptr_t addr, uintptr_t pc),
          t COMMA addr COMMA pc)

void ev_wait_begin_tools(struct crace_thread *t)
{
    HOT_DISPATCH(wait_begin, t);
}

void ev_wait_end_tools(struct crace_thread *t, int ok)
{
    HOT_DISPATCH(wait_end, t COMMA ok);
}

void ev_wake_tools(struct crace_thread *t, uintptr_t obj, int how)
{
    EACH_TOOL(wake, t, obj, how);
}

void ev_report(const char *title, const struct crace_report *r)
{
    if (unlikely(ev_tools))
        EACH_TOOL(report, title, r);
}

void ev_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    if (unlikely(ev_tools))
        HOT_DISPATCH(lock_taken, t COMMA addr COMMA flags COMMA pc);
}

void ev_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (unlikely(ev_tools))
        HOT_DISPATCH(lock_released, t COMMA addr COMMA pc);
}

void ev_thread_created(struct crace_thread *parent, struct crace_thread *child)
{
    if (unlikely(ev_tools))
        EACH_TOOL(thread_created, parent, child);
}

void ev_thread_started(struct crace_thread *t)
{
    if (unlikely(ev_tools))
        EACH_TOOL(thread_started, t);
}

void ev_thread_finished(struct crace_thread *t)
{
    if (unlikely(ev_tools))
        EACH_TOOL(thread_finished, t);
}

void ev_thread_joined(struct crace_thread *joiner, struct crace_thread *t)
{
    if (unlikely(ev_tools))
        EACH_TOOL(thread_joined, joiner, t);
}

void ev_thread_detached(struct crace_thread *t)
{
    if (unlikely(ev_tools))
        EACH_TOOL(thread_detached, t);
}

void ev_thread_freed(struct crace_thread *t)
{
    if (unlikely(ev_tools))
        EACH_TOOL(thread_freed, t);
}

void ev_unlock_refused(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    if (unlikely(ev_tools))
        EACH_TOOL(unlock_refused, t, addr, flags, pc);
}

void ev_lock_destroy(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (unlikely(ev_tools))
        EACH_TOOL(lock_destroy, t, addr, pc);
}

void ev_lock_invalid(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (unlikely(ev_tools))
        EACH_TOOL(lock_invalid, t, addr, pc);
}

void ev_lock_forgotten(uintptr_t addr)
{
    if (unlikely(ev_tools))
        EACH_TOOL(lock_forgotten, addr);
}

void ev_signal_enter(struct crace_thread *t, const struct ev_signal *s)
{
    if (likely(!ev_tools))
        return;
    if (s->async && count_handlers)
        __atomic_fetch_add(&ev_handlers, 1, __ATOMIC_RELAXED);
    EACH_TOOL(signal_enter, t, s);
}

void ev_signal_leave(struct crace_thread *t, const struct ev_signal *s)
{
    if (likely(!ev_tools))
        return;
    EACH_TOOL(signal_leave, t, s);
    if (s->async && count_handlers)
        __atomic_fetch_sub(&ev_handlers, 1, __ATOMIC_RELAXED);
}

/* Calls the runtime makes for itself (a report's symbolizer) are not the
 * program's. */
void ev_unsafe_call_tools(const char *fn, uintptr_t pc)
{
    struct crace_thread *t = crace_cur;
    if (t && !t->in_rt)
        EACH_TOOL(unsafe_call, t, fn, pc);
}

void ev_program_exit(void)
{
    if (unlikely(ev_tools))
        EACH_TOOL(program_exit);
}

void ev_fini(void)
{
    static int done;
    if (__atomic_exchange_n(&done, 1, __ATOMIC_ACQ_REL))
        return;
    struct crace_thread *t = crace_cur;
    if (t)
        t->in_rt++; /* the tools' libc calls pass through the interceptors */
    EACH_TOOL(fini);
    if (t)
        t->in_rt--;
}
