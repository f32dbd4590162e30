/*
 * report.c - deciding what gets reported and writing it out: benign
 * ranges (annotations), de-duplication of code-location pairs,
 * suppressions, the report lock, the report stack, the output file and
 * the end-of-run summary. The report itself is gathered into a model by
 * report_gather.c and rendered by render_text.c or render_json.c.
 *
 * Everything here runs under report_lock with the reporting thread in
 * runtime mode (in_rt), so libc and libdw calls pass straight through our
 * interceptors and no report can start inside another.
 */

#include "report.h"
#include "access.h"
#include "options.h"
#include "report_gather.h"
#include "report_render.h"
#include "report_tools.h"
#include "rt_uthash.h"
#include "symbolize.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static rt_lock report_lock;
static int nreported;      /* guarded by report_lock */
static int nsuppressed;    /* races matched by a suppression; guarded by report_lock */
/* The tools' reports by kind (report_tools.h), printed and suppressed; [0]
 * (data races) unused: nreported and nsuppressed. Guarded by report_lock. */
static int nkind[REPORT_KINDS], nkind_suppressed[REPORT_KINDS];
static int report_fd = -1; /* guarded by report_lock; opened on first report */
static char cwd[4096];     /* written once by report_init */
static size_t cwd_len;

/* A pair of code locations already reported (see location_key). */
struct seen {
    uintptr_t key[2];
    UT_hash_handle hh;
};
static struct seen *seen_pairs; /* guarded by report_lock */
/* (current pc, granule) pairs already reported: skips the replay when one
 * racy loop hits the same location again and again. */
static struct seen *seen_sites; /* guarded by report_lock */

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

/* Reports printed so far, of every kind; report_lock held. */
static int printed_locked(void)
{
    int n = nreported;
    for (int k = 1; k < REPORT_KINDS; k++)
        n += nkind[k];
    return n;
}

int report_count(void)
{
    rt_lock_acquire(&report_lock);
    int n = printed_locked();
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
uintptr_t report_location_key(uintptr_t pc)
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

static uint64_t cell_event_kind(uint64_t c)
{
    return (cell_is_read(c) ? EVA_READ : 0) | (cell_is_atomic(c) ? EVA_ATOMIC : 0) |
           (cell_is_freed(c) ? EVA_FREE : 0);
}

static int output_fd(void)
{
    if (report_fd >= 0)
        return report_fd;
    report_fd = 2;
    if (opt_log_path && strcmp(opt_log_path, "stderr")) {
        if (!strcmp(opt_log_path, "stdout")) {
            report_fd = 1;
        } else {
            char path[4200];
            snprintf(path, sizeof path, "%s.%d", opt_log_path, (int)getpid());
            int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
            if (fd >= 0)
                report_fd = fd;
            else
                rt_printf(2, "crace: cannot open log_path file %s; reporting to stderr\n", path);
        }
    }
    return report_fd;
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
    }
    report_model_free(&r);
}

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
/* What runs on the report stack: report_race_job or a tool's gathering. */
static void (*job_fn)(void *);
static void *job_arg;

static void report_job(void)
{
    job_fn(job_arg);
}

static void report_race_job(void *unused)
{
    (void)unused;
    if (!is_benign(job.addr, job.size) && !seen_before(&seen_sites, job.pc, job.granule)) {
        struct crace_thread *other = thread_at(cell_slot(job.old), cell_epoch(job.old));
        hit.found = 0;
        /* Look for the previous access among the bytes both accesses touch:
         * the old cell may merge several same-epoch accesses of its thread. */
        unsigned off = (unsigned)(job.addr - job.granule);
        unsigned len = off + job.size > 8 ? 8 - off : job.size;
        unsigned both = cell_mask(job.old) & cell_bytes(off, len);
        if (other)
            trace_find(other->tr, cell_epoch(job.old), job.granule,
                       both ? both : cell_mask(job.old), cell_event_kind(job.old), &hit);
        uintptr_t a = report_location_key(job.pc), b = hit.found ? report_location_key(hit.pc) : 0;
        if (!seen_before(&seen_pairs, a < b ? a : b, a < b ? b : a)) {
            struct race_facts facts = {job.t,  other,   job.addr, job.granule,
                                       job.pc, job.cur, job.old,  &hit};
            report_race(&facts);
        }
    }
}

static void run_on_report_stack(void)
{
    if (!report_stack)
        report_stack = rt_map(REPORT_STACK_SIZE);
    if (getcontext(&job_ctx) != 0) {
        report_job(); /* cannot switch: use the thread's own stack */
        return;
    }
    job_ctx.uc_stack.ss_sp = report_stack;
    job_ctx.uc_stack.ss_size = REPORT_STACK_SIZE;
    job_ctx.uc_link = &caller_ctx;
    makecontext(&job_ctx, report_job, 0);
    if (swapcontext(&caller_ctx, &job_ctx) != 0)
        report_job();
}

void race_found(struct crace_thread *t, uintptr_t addr, unsigned size, uint64_t cur, uint64_t old,
                uintptr_t granule, uintptr_t pc)
{
    if (t->in_rt)
        return; /* a signal handler interrupted the runtime: never nest reports */
    int saved_errno = errno; /* the program's (an interceptor's real call's) */
    t->in_rt++;
    rt_lock_acquire(&report_lock);
    job.t = t;
    job.addr = addr;
    job.size = size;
    job.cur = cur;
    job.old = old;
    job.granule = granule;
    job.pc = pc;
    job_fn = report_race_job;
    run_on_report_stack();
    int halt = opt_halt_on_error && nreported > 0;
    rt_lock_release(&report_lock);
    if (halt) {
        report_summary();
        _exit(opt_exitcode);
    }
    t->in_rt--;
    errno = saved_errno;
}

/* The tools' reports (report_tools.h). */
void report_run(struct crace_thread *t, void (*fn)(void *arg), void *arg)
{
    if (t && t->in_rt)
        return; /* inside the runtime (a signal handler, a report): never nest */
    int saved_errno = errno;
    if (t)
        t->in_rt++;
    rt_lock_acquire(&report_lock);
    job_fn = fn;
    job_arg = arg;
    run_on_report_stack();
    int halt = opt_halt_on_error && printed_locked() > 0;
    rt_lock_release(&report_lock);
    if (halt) {
        report_summary();
        _exit(opt_exitcode);
    }
    if (t)
        t->in_rt--;
    errno = saved_errno;
}

void report_emit(struct crace_report *r, int suppressed)
{
    if (suppressed) {
        nkind_suppressed[r->kind]++;
        return;
    }
    struct report_out o = {0};
    if (opt_report_json)
        render_json(&o, r);
    else
        render_text(&o, r, use_color());
    rt_write(output_fd(), o.buf, o.len);
    out_free(&o);
    nkind[r->kind]++;
}

int report_once(int kind, uintptr_t a, uintptr_t b)
{
    return seen_before(&seen_pairs, a ^ ((uintptr_t)kind << 56), b);
}

/* What the summary calls each kind: text, JSON key. */
static const char *const kind_noun[REPORT_KINDS][2] = {
    {"data race(s)", "races"},
    {"lock order inversion(s)", "lock_order_inversions"},
    {"lock misuse(s)", "lock_misuses"},
    {"thread leak(s)", "thread_leaks"},
    {"signal handler hazard(s)", "signal_hazards"},
};

/* The JSON summary: races and suppressed always, the other kinds found. */
static void summary_json(void)
{
    int suppressed = nsuppressed;
    for (int k = 1; k < REPORT_KINDS; k++)
        suppressed += nkind_suppressed[k];
    if (printed_locked() == 0 && suppressed == 0)
        return;
    char line[512];
    int n = snprintf(line, sizeof line, "{\"type\":\"summary\",\"races\":%d,\"suppressed\":%d",
                     nreported, suppressed);
    for (int k = 1; k < REPORT_KINDS; k++)
        if (nkind[k] > 0)
            n += snprintf(line + n, sizeof line - (size_t)n, ",\"%s\":%d", kind_noun[k][1],
                          nkind[k]);
    rt_printf(output_fd(), "%s}\n", line);
}

/* The text summary; data races last, as before the other kinds existed. */
static void summary_text(void)
{
    for (int k = 1; k < REPORT_KINDS; k++)
        if (nkind_suppressed[k] > 0)
            rt_printf(output_fd(), "Suppressed %d %s (suppressions file %s)\n", nkind_suppressed[k],
                      kind_noun[k][0], opt_suppressions);
    if (nsuppressed > 0)
        rt_printf(output_fd(), "Suppressed %d data race(s) (suppressions file %s)\n", nsuppressed,
                  opt_suppressions);
    for (int k = 1; k < REPORT_KINDS; k++)
        if (nkind[k] > 0)
            rt_printf(output_fd(), "Found %d %s\n", nkind[k], kind_noun[k][0]);
    if (nreported > 0)
        rt_printf(output_fd(), "Found %d data race(s)\n", nreported);
}

void report_summary(void)
{
    rt_lock_acquire(&report_lock);
    if (opt_report_json)
        summary_json();
    else
        summary_text();
    rt_lock_release(&report_lock);
}
