/*
 * events.c - the dispatch behind events.h: the list of tools, which of
 * them are active, and the calls that hand each event to them.
 *
 * Adding a tool: define its `struct ev_tool` in its own file, declare it
 * below and add it to all_tools[]. Nothing else in the core changes.
 */
#include "events.h"

extern const struct ev_tool lockcheck_tool, lockgraph_tool, lockstack_tool, sighazard_tool;

/* lockcheck first: on a self-deadlock it reports and ends the run before
 * any other tool sees the wait. lockcheck and lockgraph see a lock event
 * before lockstack records it: what the thread held until then. */
static const struct ev_tool *const all_tools[] = {
    &lockcheck_tool,
    &lockgraph_tool,
    &lockstack_tool,
    &sighazard_tool,
    0, /* the list ends with NULL */
};

#define TOOLS_MAX (sizeof all_tools / sizeof all_tools[0])

unsigned ev_tools;
/* The active tools, in list order; written once by ev_init. */
static const struct ev_tool *active[TOOLS_MAX];
static unsigned nactive;
/* Does an active tool want unsafe calls (then ev_handlers counts)? */
static int count_handlers;
int ev_handlers;

void ev_init(void)
{
    for (unsigned i = 0; all_tools[i]; i++) {
        const struct ev_tool *tool = all_tools[i];
        if (!tool->on || !tool->on())
            continue;
        if (tool->init)
            tool->init();
        active[nactive++] = tool;
        if (tool->unsafe_call)
            count_handlers = 1;
    }
    ev_tools = nactive;
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
