/*
 * report.c - the race report: rebuilds the previous access's stack from
 * its thread's history, symbolizes both stacks and the thread creation
 * stacks, drops duplicates and prints Go's layout:
 *
 *   ==================
 *   WARNING: DATA RACE
 *   Write at 0x... by thread T2:
 *     inc()
 *         samples/counter.c:9 +0x2c
 *
 *   Mutexes held: M1 (0x...)
 *
 *   Previous write at 0x... by thread T1:
 *     ...
 *
 *   Location is global 'counter' of size 4 at 0x... (samples/counter.c:3)
 *
 *   Mutex M1 (0x...) created by main thread at:
 *     ...
 *
 *   Thread T2 (running) created at:
 *     ...
 *   ==================
 *
 * Everything here runs under report_lock with the reporting thread in
 * runtime mode (in_rt), so libc and libdw calls pass straight through our
 * interceptors and no report can start inside another.
 */

#include "report.h"
#include "access.h"
#include "fd.h"
#include "heap.h"
#include "options.h"
#include "rt_uthash.h"
#include "suppress.h"
#include "symbolize.h"
#include "sync.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static rt_lock report_lock;
static int nreported;      /* guarded by report_lock */
static int nsuppressed;    /* races matched by a suppression; guarded by report_lock */
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

int report_count(void)
{
    rt_lock_acquire(&report_lock);
    int n = nreported;
    rt_lock_release(&report_lock);
    return n;
}

/* Output buffer for one report, written with a single write at the end. */
struct out {
    char *buf;
    size_t len, cap;
};

static void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(struct out *o, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n < 0)
            return;
        if (o->len + (size_t)n < o->cap) {
            o->len += (size_t)n;
            return;
        }
        o->cap = (o->cap + (size_t)n) * 2;
        o->buf = rt_realloc(o->buf, o->cap);
    }
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

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

size_t report_format_frame(char *buf, size_t len, const struct sym_frame *f, uintptr_t pc)
{
    char loc[4200];
    if (f->file && f->line)
        snprintf(loc, sizeof loc, "%s:%d", report_path(f->file), f->line);
    else if (f->module)
        snprintf(loc, sizeof loc, "%s+0x%lx", base_name(f->module),
                 (unsigned long)f->module_offset + 1);
    else
        snprintf(loc, sizeof loc, "0x%lx", (unsigned long)pc);
    int n;
    /* a demangled C++ name already ends with its parameter list */
    const char *parens = f->signature ? "" : "()";
    if (f->func_start)
        n = snprintf(buf, len, "  %s%s\n      %s +0x%lx\n", f->function ? f->function : "?\?",
                     parens, loc, (unsigned long)(pc - f->func_start));
    else
        n = snprintf(buf, len, "  %s%s\n      %s\n", f->function ? f->function : "?\?", parens,
                     loc);
    return n < 0 ? 0 : (size_t)n;
}

/* Bounds of the crace_text section (the thread trampoline), set by the linker. */
extern const char __start_crace_text[] __attribute__((weak));
extern const char __stop_crace_text[] __attribute__((weak));

static int in_runtime_text(uintptr_t pc)
{
    return pc > (uintptr_t)__start_crace_text && pc <= (uintptr_t)__stop_crace_text;
}

/*
 * Call fn for each frame of a stack that a report shows, innermost first.
 * pcs[0] is the access pc or the call site of the intercepted call; all
 * pcs are return addresses, so the source line is looked up at pc - 1.
 * Frames of the runtime itself are hidden, and a `main` frame ends the
 * stack (what lies outside it is libc's start-up code). Returns the number
 * of frames shown.
 */
typedef void (*frame_fn)(struct out *o, const struct sym_frame *f, uintptr_t pc, int index);

static int for_each_frame(struct out *o, const uintptr_t *pcs, uint32_t n, frame_fn fn)
{
    struct sym_frame frames[16];
    int shown = 0, stop = 0;
    for (uint32_t i = 0; i < n && !stop; i++) {
        if (in_runtime_text(pcs[i]))
            continue;
        int nf = sym_pc(pcs[i] - 1, frames, 16);
        for (int k = 0; k < nf; k++) {
            const struct sym_frame *f = &frames[k];
            if (f->function && !strncmp(f->function, "crace_", 6))
                continue;
            fn(o, f, pcs[i], shown++);
            if (f->function && !strcmp(f->function, "main"))
                stop = 1;
        }
    }
    return shown;
}

static void text_frame(struct out *o, const struct sym_frame *f, uintptr_t pc, int index)
{
    char line[8400];
    (void)index;
    report_format_frame(line, sizeof line, f, pc);
    out_printf(o, "%s", line);
}

static void print_frames(struct out *o, const uintptr_t *pcs, uint32_t n)
{
    if (!for_each_frame(o, pcs, n, text_frame))
        out_printf(o, "  ?\?()\n      0x%lx\n", n ? (unsigned long)pcs[0] : 0ul);
}

static void uid_label(struct out *o, uint32_t uid)
{
    if (uid == 0)
        out_printf(o, "main thread");
    else
        out_printf(o, "thread T%u", uid);
}

static void thread_label(struct out *o, const struct crace_thread *t)
{
    if (!t) {
        out_printf(o, "an unknown thread");
        return;
    }
    uid_label(o, t->uid);
    if (t->name[0])
        out_printf(o, " \"%s\"", t->name);
}

/*
 * The locks named in one report, numbered in order of appearance: M1 is
 * mutexes[0]. Reset per report; report_lock held.
 */
static uintptr_t mutexes[2 * HELD_MAX];
static uint32_t nmutexes;

static uint32_t mutex_id(uintptr_t addr)
{
    for (uint32_t i = 0; i < nmutexes; i++)
        if (mutexes[i] == addr)
            return i + 1;
    mutexes[nmutexes] = addr; /* room: at most HELD_MAX per access, two accesses */
    return ++nmutexes;
}

/* Is entry i of h a repeat of an earlier one (a recursive lock's levels)? */
static int held_repeat(const struct held_set *h, uint32_t i)
{
    for (uint32_t k = 0; k < i; k++)
        if (h->e[k] == h->e[i])
            return 1;
    return 0;
}

static void number_mutexes(const struct held_set *cur, const struct held_set *prev)
{
    nmutexes = 0;
    for (uint32_t i = 0; i < cur->n; i++)
        mutex_id(cur->e[i] & ~HELD_READ);
    for (uint32_t i = 0; prev && i < prev->n; i++)
        mutex_id(prev->e[i] & ~HELD_READ);
}

/* "Mutexes held: M1 (0x...), M2 (0x..., read)" under an access's stack. */
static void print_held(struct out *o, const struct held_set *h)
{
    if (!h || !h->n)
        return;
    out_printf(o, "Mutexes held:");
    for (uint32_t i = 0, shown = 0; i < h->n; i++) {
        if (held_repeat(h, i))
            continue;
        uintptr_t addr = h->e[i] & ~HELD_READ;
        out_printf(o, "%s M%u (%p%s)", shown++ ? "," : "", mutex_id(addr), (void *)addr,
                   (h->e[i] & HELD_READ) ? ", read" : "");
    }
    out_printf(o, "\n");
}

static void print_frames(struct out *o, const uintptr_t *pcs, uint32_t n);

/* Where each lock named in the report was created or first taken. */
static void print_mutex_blocks(struct out *o)
{
    for (uint32_t i = 0; i < nmutexes; i++) {
        struct lock_origin lo;
        out_printf(o, "\nMutex M%u (%p) ", i + 1, (void *)mutexes[i]);
        if (!sync_lock_origin(mutexes[i], &lo)) {
            out_printf(o, "destroyed since: where it was created is no longer known\n");
            continue;
        }
        out_printf(o, "%s by ", lo.created ? "created" : "first locked");
        uid_label(o, lo.uid);
        out_printf(o, " at:\n");
        print_frames(o, lo.stack, lo.depth);
    }
}

static int output_fd(void);

/* ANSI colors (option color): the warning red, access lines bold. */
static int use_color(void)
{
    return opt_color == COLOR_ALWAYS || (opt_color == COLOR_AUTO && isatty(output_fd()));
}

#define RED(s) (use_color() ? "\033[1;31m" s "\033[0m" : s)
static const char *bold_on(void)
{
    return use_color() ? "\033[1m" : "";
}
static const char *bold_off(void)
{
    return use_color() ? "\033[0m" : "";
}

static void print_access(struct out *o, const char *prefix, uint64_t cell, uintptr_t addr,
                         const struct crace_thread *t)
{
    const char *what = cell_is_read(cell) ? "read" : "write";
    if (cell_is_atomic(cell))
        what = cell_is_read(cell) ? "atomic read" : "atomic write";
    char word[32];
    snprintf(word, sizeof word, "%s%s", prefix, what);
    if (!*prefix)
        word[0] = (char)(word[0] - 'a' + 'A');
    out_printf(o, "%s%s at %p by ", bold_on(), word, (void *)addr);
    thread_label(o, t);
    out_printf(o, "%s:%s\n", cell_is_freed(cell) ? " (free)" : "", bold_off());
}

/* What the memory is: a heap block (with its allocation stack), a global
 * or static, or a thread's stack or TLS. Nothing when none of those. */
static struct heap_info block; /* report_lock held */

static void print_location(struct out *o, uintptr_t addr)
{
    struct sym_global g;
    uint32_t uid;
    int is_tls;
    if (heap_find(addr, &block)) {
        out_printf(o, "\nLocation is heap block of size %zu at %p allocated by ", block.size,
                   (void *)block.start);
        uid_label(o, block.uid);
        out_printf(o, ":\n");
        print_frames(o, block.stack, block.depth);
    } else if (sym_global(addr, &g)) {
        out_printf(o, "\nLocation is global '%s' of size %zu at %p", g.name, g.size,
                   (void *)g.start);
        if (g.file && g.line)
            out_printf(o, " (%s:%d)", report_path(g.file), g.line);
        out_printf(o, "\n");
    } else if (thread_owning(addr, &uid, &is_tls)) {
        out_printf(o, "\nLocation is %s of ", is_tls ? "TLS" : "stack");
        uid_label(o, uid);
        out_printf(o, "\n");
    } else if (fd_of_addr(addr) >= 0) {
        out_printf(o, "\nLocation is file descriptor %d\n", fd_of_addr(addr));
    }
}

static void print_thread_block(struct out *o, const struct crace_thread *t)
{
    if (!t || t->uid == 0)
        return;
    int finished = __atomic_load_n(&t->finished, __ATOMIC_ACQUIRE);
    out_printf(o, "\nThread T%u", t->uid);
    if (t->name[0])
        out_printf(o, " \"%s\"", t->name);
    out_printf(o, " (%s) created at:\n", finished ? "finished" : "running");
    if (t->create_depth)
        print_frames(o, t->create_stack, t->create_depth);
    else
        out_printf(o, "  [not created through pthread_create]\n");
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

/* The current access's stack: the access pc then the shadow stack. */
static uint32_t current_stack(const struct crace_thread *t, uintptr_t pc, uintptr_t *pcs,
                              uint32_t max)
{
    return thread_stack_copy(t, pc, pcs, max);
}

static uint32_t previous_stack(const struct trace_hit *hit, uintptr_t *pcs, uint32_t max)
{
    uint32_t n = 0;
    pcs[n++] = hit->pc;
    for (uint32_t i = hit->depth; i > 0 && n < max; i--)
        pcs[n++] = hit->stack[i - 1];
    return n;
}

/* Per-report scratch, too large for small thread stacks; report_lock held. */
static struct trace_hit hit;
static uintptr_t cur_pcs[THREAD_STACK_CAP + 1], prev_pcs[257];

/* ---- report_format=json: one JSON object per line (schema: README) ---- */

static void json_string(struct out *o, const char *s)
{
    out_printf(o, "\"");
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            out_printf(o, "\\%c", c);
        else if (c < 0x20)
            out_printf(o, "\\u%04x", c);
        else
            out_printf(o, "%c", c);
    }
    out_printf(o, "\"");
}

static void json_frame(struct out *o, const struct sym_frame *f, uintptr_t pc, int index)
{
    out_printf(o, "%s{\"function\":", index ? "," : "");
    json_string(o, f->function ? f->function : "??");
    out_printf(o, ",\"file\":");
    if (f->file && f->line) {
        json_string(o, report_path(f->file));
        out_printf(o, ",\"line\":%d", f->line);
    } else {
        out_printf(o, "null,\"line\":0");
    }
    out_printf(o, ",\"module\":");
    if (f->module)
        json_string(o, f->module);
    else
        out_printf(o, "null");
    out_printf(o, ",\"pc\":\"0x%lx\"", (unsigned long)pc);
    if (f->func_start)
        out_printf(o, ",\"offset\":\"0x%lx\"", (unsigned long)(pc - f->func_start));
    out_printf(o, "}");
}

/* An access's locks: [{"id":1,"addr":"0x...","read":false}, ...] */
static void json_held(struct out *o, const struct held_set *h)
{
    if (!h) {
        out_printf(o, ",\"mutexes\":null"); /* not known: the stack was not found */
        return;
    }
    out_printf(o, ",\"mutexes\":[");
    for (uint32_t i = 0, shown = 0; i < h->n; i++) {
        if (held_repeat(h, i))
            continue;
        uintptr_t addr = h->e[i] & ~HELD_READ;
        out_printf(o, "%s{\"id\":%u,\"addr\":\"%p\",\"read\":%s}", shown++ ? "," : "",
                   mutex_id(addr), (void *)addr, (h->e[i] & HELD_READ) ? "true" : "false");
    }
    out_printf(o, "]");
}

static void json_frames(struct out *o, const uintptr_t *pcs, uint32_t n);

/* The report's locks with their origins (see print_mutex_blocks). */
static void json_mutexes(struct out *o)
{
    out_printf(o, ",\"mutexes\":[");
    for (uint32_t i = 0; i < nmutexes; i++) {
        struct lock_origin lo;
        out_printf(o, "%s{\"id\":%u,\"addr\":\"%p\",\"origin\":", i ? "," : "", i + 1,
                   (void *)mutexes[i]);
        if (sync_lock_origin(mutexes[i], &lo)) {
            out_printf(o,
                       "\"%s\",\"thread\":%u,\"stack\":", lo.created ? "created" : "first_locked",
                       lo.uid);
            json_frames(o, lo.stack, lo.depth);
        } else {
            out_printf(o, "null,\"thread\":null,\"stack\":null");
        }
        out_printf(o, "}");
    }
    out_printf(o, "]");
}

/* Frames as a JSON array, with the same choice of frames as the text. */
static void json_frames(struct out *o, const uintptr_t *pcs, uint32_t n)
{
    out_printf(o, "[");
    for_each_frame(o, pcs, n, json_frame);
    out_printf(o, "]");
}

static void json_thread_ref(struct out *o, const struct crace_thread *t)
{
    if (!t) {
        out_printf(o, "null");
        return;
    }
    out_printf(o, "{\"id\":%u,\"main\":%s,\"name\":", t->uid, t->uid == 0 ? "true" : "false");
    if (t->name[0])
        json_string(o, t->name);
    else
        out_printf(o, "null");
    out_printf(o, "}");
}

static void json_access(struct out *o, const char *key, uint64_t cell, uintptr_t addr,
                        const struct crace_thread *t)
{
    out_printf(o,
               "\"%s\":{\"kind\":\"%s\",\"atomic\":%s,\"free\":%s,\"addr\":\"%p\",\"thread\":", key,
               cell_is_read(cell) ? "read" : "write", cell_is_atomic(cell) ? "true" : "false",
               cell_is_freed(cell) ? "true" : "false", (void *)addr);
    json_thread_ref(o, t);
}

static void json_location(struct out *o, uintptr_t addr)
{
    struct sym_global g;
    uint32_t uid;
    int is_tls;
    out_printf(o, "\"location\":");
    if (heap_find(addr, &block)) {
        out_printf(o, "{\"kind\":\"heap\",\"addr\":\"%p\",\"size\":%zu,\"thread\":%u,\"stack\":",
                   (void *)block.start, block.size, block.uid);
        json_frames(o, block.stack, block.depth);
        out_printf(o, "}");
    } else if (sym_global(addr, &g)) {
        out_printf(o, "{\"kind\":\"global\",\"name\":");
        json_string(o, g.name);
        out_printf(o, ",\"addr\":\"%p\",\"size\":%zu,\"file\":", (void *)g.start, g.size);
        if (g.file && g.line) {
            json_string(o, report_path(g.file));
            out_printf(o, ",\"line\":%d}", g.line);
        } else {
            out_printf(o, "null,\"line\":0}");
        }
    } else if (thread_owning(addr, &uid, &is_tls)) {
        out_printf(o, "{\"kind\":\"%s\",\"thread\":%u}", is_tls ? "tls" : "stack", uid);
    } else if (fd_of_addr(addr) >= 0) {
        out_printf(o, "{\"kind\":\"fd\",\"fd\":%d}", fd_of_addr(addr));
    } else {
        out_printf(o, "null");
    }
}

static void json_thread(struct out *o, const struct crace_thread *t)
{
    json_thread_ref(o, t);
    o->len--; /* reopen the object */
    out_printf(o, ",\"state\":\"%s\",\"created_at\":",
               __atomic_load_n(&t->finished, __ATOMIC_ACQUIRE) ? "finished" : "running");
    json_frames(o, t->create_stack, t->create_depth);
    out_printf(o, "}");
}

static void print_report_json(struct out *o, struct crace_thread *t, uintptr_t addr, uint64_t cur,
                              uint64_t old, uintptr_t prev_addr, uintptr_t pc,
                              struct crace_thread *other)
{
    out_printf(o, "{\"type\":\"data_race\",");
    json_access(o, "current", cur, addr, t);
    out_printf(o, ",\"stack\":");
    json_frames(o, cur_pcs, current_stack(t, pc, cur_pcs, THREAD_STACK_CAP + 1));
    json_held(o, &t->held);
    out_printf(o, "},");
    json_access(o, "previous", old, prev_addr, other);
    out_printf(o, ",\"stack\":");
    if (hit.found)
        json_frames(o, prev_pcs, previous_stack(&hit, prev_pcs, 257));
    else
        out_printf(o, "null");
    json_held(o, hit.found ? &hit.held : 0);
    out_printf(o, "},");
    json_location(o, addr);
    json_mutexes(o);
    out_printf(o, ",\"threads\":[");
    int n = 0;
    if (t && t->uid) {
        json_thread(o, t);
        n++;
    }
    if (other && other != t && other->uid) {
        out_printf(o, "%s", n ? "," : "");
        json_thread(o, other);
    }
    out_printf(o, "]}\n");
}

static void print_report(struct crace_thread *t, uintptr_t addr, uint64_t cur, uint64_t old,
                         uintptr_t granule, uintptr_t pc, struct crace_thread *other)
{
    struct out o = {0};
    o.cap = 4096;
    o.buf = rt_alloc(o.cap);
    uintptr_t prev_addr = granule + (uintptr_t)__builtin_ctz(cell_mask(old));
    if (hit.found)
        prev_addr = hit.addr > prev_addr ? hit.addr : prev_addr;
    number_mutexes(&t->held, hit.found ? &hit.held : 0);
    if (opt_report_json) {
        print_report_json(&o, t, addr, cur, old, prev_addr, pc, other);
        rt_write(output_fd(), o.buf, o.len);
        rt_free(o.buf);
        return;
    }
    out_printf(&o, "==================\n%s\n", RED("WARNING: DATA RACE"));
    print_access(&o, "", cur, addr, t);
    print_frames(&o, cur_pcs, current_stack(t, pc, cur_pcs, THREAD_STACK_CAP + 1));
    print_held(&o, &t->held);
    out_printf(&o, "\n");
    print_access(&o, "Previous ", old, prev_addr, other);
    if (hit.found) {
        print_frames(&o, prev_pcs, previous_stack(&hit, prev_pcs, 257));
        print_held(&o, &hit.held);
    } else {
        out_printf(&o, "  [stack unavailable: history overwritten; raise history_size]\n");
    }
    print_location(&o, addr);
    print_mutex_blocks(&o);
    print_thread_block(&o, t);
    if (other != t)
        print_thread_block(&o, other);
    out_printf(&o, "==================\n");
    rt_write(output_fd(), o.buf, o.len);
    rt_free(o.buf);
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

/* Does a race:PATTERN match a frame of one of the stacks (suppress.h)? */
static int stack_suppressed(const uintptr_t *pcs, uint32_t n)
{
    struct sym_frame frames[16];
    for (uint32_t i = 0; i < n; i++) {
        int nf = sym_pc(pcs[i] - 1, frames, 16);
        for (int k = 0; k < nf; k++)
            if (suppress_frame(frames[k].function, frames[k].file, frames[k].module))
                return 1;
    }
    return 0;
}

static int is_suppressed(const struct crace_thread *t, uintptr_t pc)
{
    if (!opt_suppressions)
        return 0;
    if (stack_suppressed(cur_pcs, current_stack(t, pc, cur_pcs, THREAD_STACK_CAP + 1)))
        return 1;
    return hit.found && stack_suppressed(prev_pcs, previous_stack(&hit, prev_pcs, 257));
}

static void report_job(void)
{
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
        uintptr_t a = location_key(job.pc), b = hit.found ? location_key(hit.pc) : 0;
        if (!seen_before(&seen_pairs, a < b ? a : b, a < b ? b : a)) {
            if (is_suppressed(job.t, job.pc)) {
                nsuppressed++;
            } else {
                print_report(job.t, job.addr, job.cur, job.old, job.granule, job.pc, other);
                nreported++;
            }
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
    t->in_rt++;
    rt_lock_acquire(&report_lock);
    job.t = t;
    job.addr = addr;
    job.size = size;
    job.cur = cur;
    job.old = old;
    job.granule = granule;
    job.pc = pc;
    run_on_report_stack();
    int halt = opt_halt_on_error && nreported > 0;
    rt_lock_release(&report_lock);
    if (halt) {
        report_summary();
        _exit(opt_exitcode);
    }
    t->in_rt--;
}

void report_summary(void)
{
    rt_lock_acquire(&report_lock);
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
    rt_lock_release(&report_lock);
}
