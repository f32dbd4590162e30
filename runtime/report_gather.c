/*
 * report_gather.c - fills a crace_report (report_model.h) for one race:
 * both accesses' stacks (the current one from the shadow stack, the
 * previous one as replayed from its thread's history), the locks each
 * held, what the memory is, where each named lock came from and where the
 * threads were created. Every pc is symbolized here, once.
 *
 * Runs under report_lock with the thread in runtime mode (report.c), so the
 * static scratch below is not shared and libc/libdw calls pass straight
 * through our interceptors.
 */
#include "report_gather.h"
#include "fd.h"
#include "heap.h"
#include "report.h"
#include "report_tools.h"
#include "suppress.h"
#include "symbolize.h"
#include "sync.h"

#include <string.h>

/* Bounds of the crace_text section (the thread trampoline), set by the linker. */
extern const char __start_crace_text[] __attribute__((weak));
extern const char __stop_crace_text[] __attribute__((weak));

static int in_runtime_text(uintptr_t pc)
{
    return pc > (uintptr_t)__start_crace_text && pc <= (uintptr_t)__stop_crace_text;
}

/* Frames of the stack being gathered; grown as needed, report_lock held. */
static struct report_frame *scratch;
static size_t scratch_cap;

static void scratch_add(size_t n, const struct sym_frame *f, uintptr_t pc)
{
    if (n == scratch_cap) {
        scratch_cap = scratch_cap ? 2 * scratch_cap : 256;
        scratch = rt_realloc(scratch, scratch_cap * sizeof *scratch);
    }
    struct report_frame *d = &scratch[n];
    int has_line = f->file && f->line;
    d->function = f->function;
    d->signature = f->function && f->signature;
    d->file = has_line ? report_path(f->file) : 0;
    d->line = has_line ? f->line : 0;
    d->module = f->module;
    d->module_offset = f->module_offset;
    d->pc = pc;
    d->func_start = f->func_start;
}

void report_gather_stack(struct crace_report *r, struct report_stack *s, const uintptr_t *pcs,
                         uint32_t n, int kind, int *suppressed)
{
    struct sym_frame frames[16];
    size_t shown = 0;
    int stop = 0;
    s->npcs = n;
    s->first_pc = n ? pcs[0] : 0;
    for (uint32_t i = 0; i < n && (!stop || suppressed); i++) {
        int hidden = stop || in_runtime_text(pcs[i]);
        if (hidden && !suppressed)
            continue;
        int nf = sym_pc(pcs[i] - 1, frames, 16);
        for (int k = 0; k < nf; k++) {
            const struct sym_frame *f = &frames[k];
            if (suppressed &&
                suppress_frame_of(kind, frames[k].function, frames[k].file, frames[k].module))
                *suppressed = 1;
            if (hidden || (f->function && !strncmp(f->function, "crace_", 6)))
                continue;
            scratch_add(shown++, f, pcs[i]);
            if (f->function && !strcmp(f->function, "main"))
                stop = 1;
        }
    }
    s->nframes = (uint32_t)shown;
    s->frames = report_model_alloc(r, shown * sizeof *s->frames);
    for (size_t i = 0; i < shown; i++)
        s->frames[i] = scratch[i];
}

/* (report_gather.h) */
static void gather_stack(struct crace_report *r, struct report_stack *s, const uintptr_t *pcs,
                         uint32_t n, int *suppressed)
{
    report_gather_stack(r, s, pcs, n, REPORT_DATA_RACE, suppressed);
}

void report_thread_ref(struct crace_report *r, struct report_thread_ref *ref,
                       const struct crace_thread *t)
{
    ref->known = t != 0;
    if (!t)
        return;
    ref->uid = t->uid;
    if (t->name[0]) {
        char *name = report_model_alloc(r, THREAD_NAME_MAX);
        rt_memcpy(name, t->name, THREAD_NAME_MAX);
        name[THREAD_NAME_MAX - 1] = 0;
        ref->name = name;
    }
}

/* The locks named in the report, numbered in order of appearance: M1 is
 * addrs[0]. */
struct mutex_ids {
    uint32_t n;
    uintptr_t addrs[2 * HELD_MAX];
};

static uint32_t mutex_id(struct mutex_ids *ids, uintptr_t addr)
{
    for (uint32_t i = 0; i < ids->n; i++)
        if (ids->addrs[i] == addr)
            return i + 1;
    ids->addrs[ids->n] = addr; /* room: at most HELD_MAX per access, two accesses */
    return ++ids->n;
}

/* Is entry i of h a repeat of an earlier one (a recursive lock's levels)? */
static int held_repeat(const struct held_set *h, uint32_t i)
{
    for (uint32_t k = 0; k < i; k++)
        if (h->e[k] == h->e[i])
            return 1;
    return 0;
}

static void number_mutexes(struct mutex_ids *ids, const struct held_set *h)
{
    for (uint32_t i = 0; h && i < h->n; i++)
        mutex_id(ids, h->e[i] & ~HELD_READ);
}

static void gather_held(struct crace_report *r, struct report_access *a, const struct held_set *h,
                        struct mutex_ids *ids)
{
    a->held = report_model_alloc(r, HELD_MAX * sizeof *a->held);
    for (uint32_t i = 0; i < h->n; i++) {
        if (held_repeat(h, i))
            continue;
        uintptr_t addr = h->e[i] & ~HELD_READ;
        a->held[a->nheld++] =
            (struct report_held){mutex_id(ids, addr), addr, (h->e[i] & HELD_READ) != 0};
    }
}

static void access_kind(struct report_access *a, uint64_t cell)
{
    a->read = cell_is_read(cell);
    a->atomic = cell_is_atomic(cell);
    a->freed = cell_is_freed(cell);
}

/* Per-report scratch, too large for small thread stacks; report_lock held. */
static uintptr_t cur_pcs[THREAD_STACK_CAP + 1], prev_pcs[257];

static uint32_t previous_stack(const struct trace_hit *hit, uintptr_t *pcs, uint32_t max)
{
    uint32_t n = 0;
    pcs[n++] = hit->pc;
    for (uint32_t i = hit->depth; i > 0 && n < max; i--)
        pcs[n++] = hit->stack[i - 1];
    return n;
}

int report_gather_accesses(struct crace_report *r, const struct race_facts *in,
                           int check_suppressions)
{
    int suppressed = 0, *sup = check_suppressions ? &suppressed : 0;
    struct mutex_ids ids = {0};
    const struct trace_hit *hit = in->hit;
    r->kind = REPORT_DATA_RACE;
    r->naccesses = 2;
    r->accesses = report_model_alloc(r, 2 * sizeof *r->accesses);
    number_mutexes(&ids, &in->t->held);
    number_mutexes(&ids, hit->found ? &hit->held : 0);

    struct report_access *cur = &r->accesses[0];
    cur->role = REPORT_CURRENT;
    access_kind(cur, in->cur);
    cur->addr = in->addr;
    report_thread_ref(r, &cur->thread, in->t);
    cur->stack_known = 1;
    gather_stack(r, &cur->stack, cur_pcs,
                 thread_stack_copy(in->t, in->pc, cur_pcs, THREAD_STACK_CAP + 1), sup);
    cur->stack.missing = thread_stack_missing(in->t);
    gather_held(r, cur, &in->t->held, &ids);

    struct report_access *prev = &r->accesses[1];
    prev->role = REPORT_PREVIOUS;
    access_kind(prev, in->old);
    uintptr_t prev_addr = in->granule + (uintptr_t)__builtin_ctz(cell_mask(in->old));
    prev->addr = hit->found && hit->addr > prev_addr ? hit->addr : prev_addr;
    report_thread_ref(r, &prev->thread, in->other);
    prev->stack_known = hit->found;
    if (hit->found) {
        gather_stack(r, &prev->stack, prev_pcs, previous_stack(hit, prev_pcs, 257), sup);
        prev->stack.missing = hit->missing;
        gather_held(r, prev, &hit->held, &ids);
    }

    r->nmutexes = ids.n;
    r->mutexes = report_model_alloc(r, ids.n * sizeof *r->mutexes);
    for (uint32_t i = 0; i < ids.n; i++) {
        r->mutexes[i].id = i + 1;
        r->mutexes[i].addr = ids.addrs[i];
    }
    return suppressed;
}

/* What the memory is: a heap block (with its allocation stack), a global
 * or static, or a thread's stack or TLS. */
static struct heap_info block; /* report_lock held */

static void gather_location(struct crace_report *r, uintptr_t addr)
{
    struct report_location *l = &r->location;
    struct sym_global g;
    int is_tls;
    if (heap_find(addr, &block)) {
        l->kind = REPORT_LOC_HEAP;
        l->addr = block.start;
        l->size = block.size;
        l->uid = block.uid;
        l->freed_by = block.freed_by;
        gather_stack(r, &l->stack, block.stack, block.depth, 0);
    } else if (sym_global(addr, &g)) {
        l->kind = REPORT_LOC_GLOBAL;
        l->name = g.name;
        l->addr = g.start;
        l->size = g.size;
        if (g.file && g.line) {
            l->file = report_path(g.file);
            l->line = g.line;
        }
    } else if (thread_owning(addr, &l->uid, &is_tls)) {
        l->kind = is_tls ? REPORT_LOC_TLS : REPORT_LOC_STACK;
    } else if ((l->fd = fd_of_addr(addr)) >= 0) {
        l->kind = REPORT_LOC_FD;
    }
}

void report_gather_mutex(struct crace_report *r, struct report_mutex *m)
{
    struct lock_origin lo;
    if (!sync_lock_origin(m->addr, &lo))
        return;
    m->origin = lo.created ? REPORT_MUTEX_CREATED : REPORT_MUTEX_FIRST_LOCKED;
    m->uid = lo.uid;
    gather_stack(r, &m->stack, lo.stack, lo.depth, 0);
}

/* t's labels as they are now, copied into the report. */
static void gather_labels(struct crace_report *r, struct report_thread *d,
                          const struct crace_thread *t)
{
    struct label_set *s = report_model_alloc(r, sizeof *s);
    const char *k, *v;
    uint32_t pos = 0;
    labels_read(t, s);
    d->labels = report_model_alloc(r, 2 * s->n * sizeof *d->labels);
    while (labels_next(s, &pos, &k, &v)) {
        d->labels[2 * d->nlabels] = k;
        d->labels[2 * d->nlabels++ + 1] = v;
    }
}

void report_fill_thread(struct crace_report *r, struct report_thread *d,
                        const struct crace_thread *t)
{
    report_thread_ref(r, &d->ref, t);
    d->finished = __atomic_load_n(&t->finished, __ATOMIC_ACQUIRE);
    gather_stack(r, &d->created_at, t->create_stack, t->create_depth, 0);
    gather_labels(r, d, t);
}

/* Threads get a block; the main thread only to show its labels. */
static int has_block(const struct crace_thread *t)
{
    struct label_set s;
    if (t->uid)
        return 1;
    labels_read(t, &s);
    return s.n > 0;
}

void report_gather_thread(struct crace_report *r, const struct crace_thread *t)
{
    report_fill_thread(r, &r->threads[r->nthreads++], t);
}

void report_gather_context(struct crace_report *r, const struct race_facts *in)
{
    gather_location(r, in->addr);
    for (uint32_t i = 0; i < r->nmutexes; i++)
        report_gather_mutex(r, &r->mutexes[i]);
    r->threads = report_model_alloc(r, 2 * sizeof *r->threads);
    if (in->t && has_block(in->t))
        report_gather_thread(r, in->t);
    if (in->other && in->other != in->t && has_block(in->other))
        report_gather_thread(r, in->other);
}
