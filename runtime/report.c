/*
 * report.c - deciding what gets reported and writing it out: benign
 * ranges (annotations), de-duplication of code-location pairs,
 * suppressions, the report lock, the report stack, the output file and
 * the end-of-run summary. The report itself is gathered into a model by
 * report_gather.c and rendered by render_text.c or render_json.c.
 *
 * A race first meets report_filter.c, which drops a repeat of a decided
 * race without taking any lock. Everything else here runs under
 * report_lock with the reporting thread in runtime mode (in_rt), so libc
 * and libdw calls pass straight through our interceptors and no report can
 * start inside another.
 */

#include "report.h"
#include "access.h"
#include "events.h"
#include "options.h"
#include "proclog.h"
#include "report_filter.h"
#include "report_gather.h"
#include "report_render.h"
#include "rt_uthash.h"
#include "symbolize.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static rt_lock report_lock;
static int nreported;   /* guarded by report_lock */
static int nsuppressed; /* races matched by a suppression; guarded by report_lock */
static char cwd[4096];  /* written once by report_init */
static size_t cwd_len;

/* A pair of code locations already reported or suppressed (see
 * location_key). Each pair is decided once; report_filter.c keeps a racy
 * loop that hits a decided pair again from replaying its history each time. */
struct seen {
    uintptr_t key[2];
    UT_hash_handle hh;
};
static struct seen *seen_pairs; /* guarded by report_lock */

/* Ranges declared benign by annotations; guarded by report_lock. */
struct benign {
    uintptr_t lo, hi;
};
static struct benign *benign;
static size_t nbenign, benign_cap;

void report_add_benign(uintptr_t addr, size_t size)
{
    rt_lock_acquire(&report_lock);
    if (nbenign == benign_cap) {
        benign_cap = benign_cap ? 2 * benign_cap : 16;
        benign = rt_realloc(benign, benign_cap * sizeof *benign);
    }
    benign[nbenign].lo = addr;
    benign[nbenign].hi = addr + (size ? size : 1);
    nbenign++;
    rt_lock_release(&report_lock);
}

static int is_benign(uintptr_t addr, unsigned size)
{
    for (size_t i = 0; i < nbenign; i++)
        if (addr < benign[i].hi && addr + size > benign[i].lo)
            return 1;
    return 0;
}

void report_init(void)
{
    if (getcwd(cwd, sizeof cwd - 1)) {
        cwd_len = strlen(cwd);
        if (cwd_len > 1) {
            cwd[cwd_len++] = '/';
            cwd[cwd_len] = 0;
        }
    }
}

void report_fork_prepare(void)
{
    rt_lock_acquire(&report_lock);
}
void report_fork_done(void)
{
    rt_lock_release(&report_lock);
}

/* The child of fork, report_lock still held: it has found nothing yet.
 * The pairs already decided stay decided (the parent reported them). A
 * log_path file is the parent's: the child opens PATH.<its pid> when it
 * has something to say (proclog_fd). */
void report_fork_child(void)
{
    nreported = 0;
    nsuppressed = 0;
}

int report_count(void)
{
    rt_lock_acquire(&report_lock);
    int n = nreported;
    rt_lock_release(&report_lock);
    return n;
}

const char *report_path(const char *file)
{
    size_t n = strlen(opt_strip_path_prefix);
    if (n && !strncmp(file, opt_strip_path_prefix, n))
        return file + n;
    if (cwd_len > 1 && !strncmp(file, cwd, cwd_len))
        return file + cwd_len;
    return file;
}

size_t report_format_frame(char *buf, size_t len, const struct sym_frame *f, uintptr_t pc)
{
    int has_line = f->file && f->line;
    struct report_frame rf = {.function = f->function,
                              .file = has_line ? report_path(f->file) : 0,
                              .line = has_line ? f->line : 0,
                              .module = f->module,
                              .module_offset = f->module_offset,
                              .pc = pc,
                              .func_start = f->func_start};
    return render_text_frame(buf, len, &rf);
}

static int seen_before(struct seen **set, uintptr_t a, uintptr_t b)
{
    uintptr_t key[2] = {a, b};
    struct seen *s;
    HASH_FIND(hh, *set, key, sizeof key, s);
    if (s)
        return 1;
    s = rt_alloc(sizeof *s);
    s->key[0] = a;
    s->key[1] = b;
    HASH_ADD(hh, *set, key, sizeof s->key, s);
    return 0;
}

/*
 * What identifies a code location for de-duplication: its innermost source
 * line (file and line), or the pc when there is no line information. The
 * read and the write of one `counter++` are thus one location.
 */
static uintptr_t location_key(uintptr_t pc)
{
    struct sym_frame f;
    sym_pc(pc - 1, &f, 1);
    if (!f.file || !f.line)
        return pc;
    uintptr_t h = 1469598103934665603ull;
    for (const char *s = f.file; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (h ^ (uintptr_t)f.line) * 1099511628211ull;
}

static int output_fd(void)
{
    if (!opt_log_path || !strcmp(opt_log_path, "stderr"))
        return 2;
    if (!strcmp(opt_log_path, "stdout"))
        return 1;
    int fd = proclog_fd(opt_log_path); /* PATH.PID, reopened in a forked child */
    return fd >= 0 ? fd : 2;
}

/* Per-report scratch; report_lock held. */
static struct trace_hit hit;

/* ANSI colors (option color): the warning red, access lines bold. */
static int use_color(void)
{
    return opt_color == COLOR_ALWAYS || (opt_color == COLOR_AUTO && isatty(output_fd()));
}

/* Gather, then print unless a suppression matches. */
static void report_race(const struct race_facts *facts)
{
    struct crace_report r = {0};
    if (report_gather_accesses(&r, facts, opt_suppressions != 0)) {
        nsuppressed++;
    } else {
        report_gather_context(&r, facts);
        struct report_out o = {0};
        if (opt_report_json)
            render_json(&o, &r);
        else
            render_text(&o, &r, use_color());
        rt_write(output_fd(), o.buf, o.len);
        out_free(&o);
        nreported++;
        ev_report("DATA RACE", &r);
    }
    report_model_free(&r);
}

static void halt_locked(void) __attribute__((noreturn));

/*
 * The report is built on a stack of its own: libdw needs far more stack
 * than a program's small thread stacks may have (a 64 KiB thread stack
 * overflowed in line-table parsing). report_lock serializes its use; the
 * arguments travel in `job`.
 */
#define REPORT_STACK_SIZE (8u << 20)

static struct {
    struct crace_thread *t;
    uintptr_t addr, granule, pc;
    unsigned size;
    uint64_t cur, old;
} job;                                 /* guarded by report_lock */
static ucontext_t job_ctx, caller_ctx; /* guarded by report_lock */
static void *report_stack;             /* guarded by report_lock */

static void report_job(void)
{
    if (is_benign(job.addr, job.size)) {
        report_filter_learn_benign(job.pc, job.addr, job.size, job.granule, job.old);
        return;
    }
    struct crace_thread *other = thread_at(cell_slot(job.old), cell_epoch(job.old));
    hit.found = 0;
    /* Look for the previous access among the bytes both accesses touch:
     * the old cell may merge several same-epoch accesses of its thread. */
    unsigned off = (unsigned)(job.addr - job.granule);
    unsigned len = off + job.size > 8 ? 8 - off : job.size;
    unsigned both = cell_mask(job.old) & cell_bytes(off, len);
    if (other)
        trace_find(other->tr, cell_epoch(job.old), job.granule, both ? both : cell_mask(job.old),
                   cell_event_kind(job.old), &hit);
    uintptr_t a = location_key(job.pc), b = hit.found ? location_key(hit.pc) : 0;
    if (!seen_before(&seen_pairs, a < b ? a : b, a < b ? b : a)) {
        struct race_facts facts = {job.t,  other,   job.addr, job.granule,
                                   job.pc, job.cur, job.old,  &hit};
        report_race(&facts);
    }
    report_filter_learn(job.pc, job.addr, job.size, job.granule, job.old, other ? other->tr : 0,
                        hit.found ? hit.pc : 0);
}

/* Run fn (report_job; ev_fini at a halt: the tools symbolize too) there. */
static void run_on_report_stack(void (*fn)(void))
{
    if (!report_stack)
        report_stack = rt_map(REPORT_STACK_SIZE);
    if (getcontext(&job_ctx) != 0) {
        fn(); /* cannot switch: use the thread's own stack */
        return;
    }
    job_ctx.uc_stack.ss_sp = report_stack;
    job_ctx.uc_stack.ss_size = REPORT_STACK_SIZE;
    job_ctx.uc_link = &caller_ctx;
    makecontext(&job_ctx, fn, 0);
    if (swapcontext(&caller_ctx, &job_ctx) != 0)
        fn();
}

/* Set while this thread builds a report: a synchronous signal's handler
 * (a fault inside the report path) must not start another. */
static __thread int reporting;

void race_found(struct crace_thread *t, uintptr_t addr, unsigned size, uint64_t cur, uint64_t old,
                uintptr_t granule, uintptr_t pc)
{
    if (reporting || report_filter_drops(pc, addr, size, granule, old))
        return;
    /* Asynchronous signals wait while report_lock is held; one that
     * arrived during the report runs on the release below, after runtime
     * mode ended, so its own races are checked and reported too. */
    int saved_errno = errno; /* the program's (an interceptor's real call's) */
    t->in_rt++;
    rt_lock_acquire(&report_lock);
    reporting = 1;
    job.t = t;
    job.addr = addr;
    job.size = size;
    job.cur = cur;
    job.old = old;
    job.granule = granule;
    job.pc = pc;
    run_on_report_stack(report_job);
    if (opt_halt_on_error && nreported > 0)
        halt_locked();
    reporting = 0;
    t->in_rt--;
    rt_lock_release(&report_lock);
    errno = saved_errno;
}

static void summary_locked(void)
{
    if (opt_report_json) {
        if (nsuppressed > 0 || nreported > 0)
            rt_printf(output_fd(), "{\"type\":\"summary\",\"races\":%d,\"suppressed\":%d}\n",
                      nreported, nsuppressed);
    } else {
        if (nsuppressed > 0)
            rt_printf(output_fd(), "Suppressed %d data race(s) (suppressions file %s)\n",
                      nsuppressed, opt_suppressions);
        if (nreported > 0)
            rt_printf(output_fd(), "Found %d data race(s)\n", nreported);
    }
}

/* halt_on_error: end the process right after the first report, still
 * holding report_lock so that no other thread's report starts meanwhile. */
static void halt_locked(void)
{
    /* The tools' output (the execution trace, profiles) before _exit, on
     * the report's stack: the halting thread's own may be small. */
    run_on_report_stack(ev_fini);
    summary_locked();
    _exit(opt_exitcode);
}

void report_summary(void)
{
    rt_lock_acquire(&report_lock);
    summary_locked();
    rt_lock_release(&report_lock);
}
