/*
 * exectrace_sym.c - the execution trace's call-site strings (exectrace_sym.h).
 *
 * A fixed open-addressing table, pc -> string. Readers need no lock: an
 * entry's string and flags are stored before its pc (release), and entries
 * are never removed. Writers are serialized by xs_lock, which also guards
 * the symbolizer's stack (sym_pc takes its own lock inside). libdw may need
 * more stack than a program's thread has (report.c saw a 64 KiB stack
 * overflow), so the symbolizer runs on a mapped stack of its own, as
 * reports do. Frames are hidden and stacks end as in reports
 * (report_gather.c): the runtime's trampolines (section crace_text) and
 * crace_* functions are hidden, and `main` is the last frame, so libc's
 * start-up code (whose debug information can take long to load) is never
 * symbolized.
 */
#include "exectrace_sym.h"
#include "report.h"
#include "rt.h"
#include "symbolize.h"

#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#define XS_BITS 13
#define XS_SIZE (1u << XS_BITS)
#define XS_PROBES 32
#define XS_STACK_SIZE (8u << 20)

struct xs_entry {
    uintptr_t pc;
    const char *site;
    unsigned flags;
};

static struct xs_entry cache[XS_SIZE];
static rt_lock xs_lock; /* writers of cache[], and the job below */

extern const char __start_crace_text[] __attribute__((weak));
extern const char __stop_crace_text[] __attribute__((weak));

/* The job run on the symbolizer's stack; xs_lock held. */
static uintptr_t job_pc;
static char job_out[512];
static unsigned job_flags;
static void *job_stack;
static ucontext_t job_ctx, caller_ctx;

static void symbolize_job(void)
{
    struct sym_frame f[8];
    int n = sym_pc(job_pc - 1, f, 8);
    job_flags = 0;
    for (int i = 0; i < n; i++)
        if (f[i].function && !strcmp(f[i].function, "main"))
            job_flags |= XS_MAIN;
    const char *fn = f[0].function ? f[0].function : "??";
    if (f[0].function && !strncmp(fn, "crace_", 6))
        job_flags |= XS_HIDDEN;
    if (f[0].file && f[0].line)
        rt_snprintf(job_out, sizeof job_out, "%s %s:%d", fn, report_path(f[0].file), f[0].line);
    else if (f[0].module)
        rt_snprintf(job_out, sizeof job_out, "%s %s+0x%lx", fn, f[0].module,
                    (unsigned long)f[0].module_offset + 1);
    else
        rt_snprintf(job_out, sizeof job_out, "0x%lx", (unsigned long)job_pc);
}

static void symbolize_on_own_stack(void)
{
    if (!job_stack)
        job_stack = rt_map(XS_STACK_SIZE);
    if (getcontext(&job_ctx) != 0) {
        symbolize_job();
        return;
    }
    job_ctx.uc_stack.ss_sp = job_stack;
    job_ctx.uc_stack.ss_size = XS_STACK_SIZE;
    job_ctx.uc_link = &caller_ctx;
    makecontext(&job_ctx, symbolize_job, 0);
    if (swapcontext(&caller_ctx, &job_ctx) != 0)
        symbolize_job();
}

static uint32_t home(uintptr_t pc)
{
    return (uint32_t)(pc * 0x9e3779b97f4a7c15ull >> (64 - XS_BITS));
}

/* pc's entry, or NULL and in *free_entry where it would go (NULL: full). */
static const struct xs_entry *lookup(uintptr_t pc, struct xs_entry **free_entry)
{
    *free_entry = 0;
    for (uint32_t i = 0, h = home(pc); i < XS_PROBES; i++) {
        struct xs_entry *e = &cache[(h + i) & (XS_SIZE - 1)];
        uintptr_t k = __atomic_load_n(&e->pc, __ATOMIC_ACQUIRE);
        if (k == pc)
            return e;
        if (!k) {
            *free_entry = e;
            return 0;
        }
    }
    return 0;
}

static int in_runtime_text(uintptr_t pc)
{
    return pc > (uintptr_t)__start_crace_text && pc <= (uintptr_t)__stop_crace_text;
}

const char *xs_site_cached(uintptr_t pc, unsigned *flags)
{
    struct xs_entry *free_entry;
    const struct xs_entry *e = lookup(pc, &free_entry);
    *flags = e ? e->flags : in_runtime_text(pc) ? XS_HIDDEN : 0;
    return e ? e->site : 0;
}

const char *xs_site(uintptr_t pc, unsigned *flags)
{
    const char *s = xs_site_cached(pc, flags);
    if (s || !pc || (*flags & XS_HIDDEN))
        return s;
    rt_lock_acquire(&xs_lock);
    struct xs_entry *e;
    const struct xs_entry *found = lookup(pc, &e);
    if (found) {
        s = found->site;
        *flags = found->flags;
    } else if (e) {
        job_pc = pc;
        symbolize_on_own_stack();
        s = rt_strdup(job_out);
        e->site = s;
        e->flags = *flags = job_flags;
        __atomic_store_n(&e->pc, pc, __ATOMIC_RELEASE);
    }
    rt_lock_release(&xs_lock);
    return s;
}

void xs_fork_prepare(void)
{
    rt_lock_acquire(&xs_lock);
}

void xs_fork_done(void)
{
    rt_lock_release(&xs_lock);
}
