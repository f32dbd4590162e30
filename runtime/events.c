/*
 * events.c - the dispatch behind events.h: the list of tools, which of
 * them are active, and the calls that hand each event to them.
 *
 * Adding a tool: define its `struct ev_tool` in its own file, declare it
 * below and add it to all_tools[]. Nothing else in the core changes.
 */
#include "events.h"
#include "exectrace.h"
#include "profile.h"

static const struct ev_tool *const all_tools[] = {
    &profile_tool,   /* mutex, block and goroutine profiles; pprof_http */
    &exectrace_tool, /* trace_path: the execution trace */
    0,               /* the list ends with NULL */
};

#define TOOLS_MAX (sizeof all_tools / sizeof all_tools[0])

unsigned ev_tools;
/* The active tools, in list order; written once by ev_init. */
static const struct ev_tool *active[TOOLS_MAX];
static unsigned nactive;

void ev_init(void)
{
    for (unsigned i = 0; all_tools[i]; i++) {
        const struct ev_tool *tool = all_tools[i];
        if (!tool->on || !tool->on())
            continue;
        if (tool->init)
            tool->init();
        active[nactive++] = tool;
    }
    ev_tools = nactive;
}

void ev_fini(void)
{
    static int done;
    if (__atomic_exchange_n(&done, 1, __ATOMIC_ACQ_REL))
        return;
    struct crace_thread *t = crace_cur;
    if (t)
        t->in_rt++; /* the tools' libc calls pass through the interceptors */
    for (unsigned i = 0; i < nactive; i++)
        if (active[i]->fini)
            active[i]->fini();
    if (t)
        t->in_rt--;
}

/* Call member `fn` of every active tool that has one, with the arguments. */
#define EACH_TOOL(fn, ...)                                                                         \
    do {                                                                                           \
        for (unsigned i_ = 0; i_ < nactive; i_++)                                                  \
            if (active[i_]->fn)                                                                    \
                active[i_]->fn(__VA_ARGS__);                                                       \
    } while (0)

void ev_wait_begin_tools(struct crace_thread *t)
{
    EACH_TOOL(wait_begin, t);
}

void ev_wait_end_tools(struct crace_thread *t, int ok)
{
    EACH_TOOL(wait_end, t, ok);
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
        EACH_TOOL(lock_taken, t, addr, flags, pc);
}

void ev_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (unlikely(ev_tools))
        EACH_TOOL(lock_released, t, addr, pc);
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
