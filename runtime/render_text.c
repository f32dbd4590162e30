/*
 * render_text.c - a gathered report (report_model.h) in Go's layout:
 *
 *   ==================
 *   WARNING: DATA RACE
 *   Write at 0x... by thread T2:
 *     inc()
 *         samples/counter.c:9 +0x2c
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
 *
 * A thread with labels (crace_set_label) lists them in its block:
 * "Thread T2 (running, labels: request=42) created at:"; the main thread
 * has a block ("Main thread (running, labels: ...)") only for them.
 *   ==================
 *
 * Frames, thread names, lock lists and blocks each have one helper used
 * wherever they appear; other kinds of report (render_deadlock.c) and the
 * thread dump (dump.c) are made of the same pieces, and of thread blocks:
 *
 *   thread T2 "worker" [blocked in pthread_mutex_lock on mutex M1 (0x...) held by main thread, 1.2
 * s]: worker() file.c:12 +0x2c Mutexes held: M2 (0x...)
 */
#include "report_render.h"
#include "rt.h"

#include <stdio.h>
#include <string.h>

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

size_t render_text_frame(char *buf, size_t len, const struct report_frame *f)
{
    char loc[4200];
    if (f->file)
        rt_snprintf(loc, sizeof loc, "%s:%d", f->file, f->line);
    else if (f->module)
        rt_snprintf(loc, sizeof loc, "%s+0x%lx", base_name(f->module),
                    (unsigned long)f->module_offset + 1);
    else
        rt_snprintf(loc, sizeof loc, "0x%lx", (unsigned long)f->pc);
    const char *fn = f->function ? f->function : "?\?";
    const char *parens = f->signature ? "" : "()"; /* C++ names carry their own */
    int n;
    if (f->func_start)
        n = rt_snprintf(buf, len, "  %s%s\n      %s +0x%lx\n", fn, parens, loc,
                        (unsigned long)(f->pc - f->func_start));
    else
        n = rt_snprintf(buf, len, "  %s%s\n      %s\n", fn, parens, loc);
    return n < 0 ? 0 : (size_t)n;
}

void render_text_stack(struct report_out *o, const struct report_stack *s)
{
    char line[8400];
    for (uint32_t i = 0; i < s->nframes; i++) {
        render_text_frame(line, sizeof line, &s->frames[i]);
        out_printf(o, "%s", line);
    }
    if (!s->nframes)
        out_printf(o, "  ?\?()\n      0x%lx\n", (unsigned long)s->first_pc);
    if (s->missing)
        out_printf(o, "  ... %u outer frame%s not recorded\n", s->missing,
                   s->missing == 1 ? "" : "s");
}

void render_text_uid(struct report_out *o, uint32_t uid)
{
    if (uid == 0)
        out_printf(o, "main thread");
    else
        out_printf(o, "thread T%u", uid);
}

void render_text_thread_ref(struct report_out *o, const struct report_thread_ref *t)
{
    if (!t->known) {
        out_printf(o, "an unknown thread");
        return;
    }
    render_text_uid(o, t->uid);
    if (t->name)
        out_printf(o, " \"%s\"", t->name);
}

/* "Mutexes held: M1 (0x...), M2 (0x..., read)" under a stack. */
static void text_held(struct report_out *o, const struct report_held *held, uint32_t n)
{
    if (!n)
        return;
    out_printf(o, "Mutexes held:");
    for (uint32_t i = 0; i < n; i++)
        out_printf(o, "%s M%u (%p%s)", i ? "," : "", held[i].id, (void *)held[i].addr,
                   held[i].read ? ", read" : "");
    out_printf(o, "\n");
}

/* "Write at 0x... by thread T2:", "Previous atomic read at ... (free):" */
static void text_access_line(struct report_out *o, const struct report_access *a, int color)
{
    const char *what = a->read ? "read" : "write";
    if (a->atomic)
        what = a->read ? "atomic read" : "atomic write";
    char word[32];
    rt_snprintf(word, sizeof word, "%s%s", a->role == REPORT_PREVIOUS ? "Previous " : "", what);
    if (a->role != REPORT_PREVIOUS)
        word[0] = (char)(word[0] - 'a' + 'A');
    out_printf(o, "%s%s at %p by ", color ? "\033[1m" : "", word, (void *)a->addr);
    render_text_thread_ref(o, &a->thread);
    out_printf(o, "%s:%s\n", a->freed ? " (free)" : "", color ? "\033[0m" : "");
}

static void text_access(struct report_out *o, const struct report_access *a, int color)
{
    text_access_line(o, a, color);
    if (!a->stack_known) {
        out_printf(o, "  [stack unavailable: history overwritten; raise history_size]\n");
        return;
    }
    render_text_stack(o, &a->stack);
    text_held(o, a->held, a->nheld);
}

/* What the memory is; nothing when unknown. */
static void text_location(struct report_out *o, const struct report_location *l)
{
    switch (l->kind) {
    case REPORT_LOC_HEAP:
        out_printf(o, "\nLocation is heap block of size %zu at %p ", l->size, (void *)l->addr);
        if (l->freed_by) {
            out_printf(o, "freed by ");
            render_text_uid(o, l->freed_by - 1);
            out_printf(o, ", ");
        }
        out_printf(o, "allocated by ");
        render_text_uid(o, l->uid);
        out_printf(o, ":\n");
        render_text_stack(o, &l->stack);
        break;
    case REPORT_LOC_GLOBAL:
        out_printf(o, "\nLocation is global '%s' of size %zu at %p", l->name, l->size,
                   (void *)l->addr);
        if (l->file)
            out_printf(o, " (%s:%d)", l->file, l->line);
        out_printf(o, "\n");
        break;
    case REPORT_LOC_STACK:
    case REPORT_LOC_TLS:
        out_printf(o, "\nLocation is %s of ", l->kind == REPORT_LOC_TLS ? "TLS" : "stack");
        render_text_uid(o, l->uid);
        out_printf(o, "\n");
        break;
    case REPORT_LOC_FD:
        out_printf(o, "\nLocation is file descriptor %d\n", l->fd);
        break;
    case REPORT_LOC_NONE:
        break;
    }
}

/* Where each lock named in the report was created or first taken. */
void render_text_mutex(struct report_out *o, const struct report_mutex *m)
{
    out_printf(o, "\nMutex M%u (%p) ", m->id, (void *)m->addr);
    if (m->origin == REPORT_MUTEX_UNKNOWN) {
        out_printf(o, "destroyed since: where it was created is no longer known\n");
        return;
    }
    out_printf(o, "%s by ", m->origin == REPORT_MUTEX_CREATED ? "created" : "first locked");
    render_text_uid(o, m->uid);
    out_printf(o, " at:\n");
    render_text_stack(o, &m->stack);
}

/* Thread T2 "worker" (running, labels: request=42 worker=3) created at: */
void render_text_thread(struct report_out *o, const struct report_thread *t)
{
    out_printf(o, t->ref.uid ? "\nThread T%u" : "\nMain thread", t->ref.uid);
    if (t->ref.name)
        out_printf(o, " \"%s\"", t->ref.name);
    out_printf(o, " (%s", t->finished ? "finished" : "running");
    for (uint32_t i = 0; i < t->nlabels; i++)
        out_printf(o, "%s%s=%s", i ? " " : ", labels: ", t->labels[2 * i], t->labels[2 * i + 1]);
    out_printf(o, t->ref.uid ? ") created at:\n" : ")\n");
    if (!t->ref.uid)
        return; /* shown for its labels only */
    if (t->created_at.npcs)
        render_text_stack(o, &t->created_at);
    else
        out_printf(o, "  [not created through pthread_create]\n");
}

/* --- thread blocks (deadlocks, the thread dump) --- */

static const char *const wait_object[] = {
    [REPORT_WAIT_MUTEX] = "mutex",     [REPORT_WAIT_RDLOCK] = "rwlock",
    [REPORT_WAIT_WRLOCK] = "rwlock",   [REPORT_WAIT_SPIN] = "spinlock",
    [REPORT_WAIT_COND] = "condition",  [REPORT_WAIT_SEM] = "semaphore",
    [REPORT_WAIT_BARRIER] = "barrier", [REPORT_WAIT_ONCE] = "once control",
};

/* " in pthread_mutex_lock" when the call is known. */
static void text_call(struct report_out *o, const struct report_wait *w)
{
    if (w->call)
        out_printf(o, " in %s", w->call);
}

/* "held by thread T2, main thread (finished)" */
static void text_holders(struct report_out *o, const struct report_wait *w)
{
    for (uint32_t i = 0; i < w->nholders; i++) {
        const struct report_holder *h = &w->holders[i];
        out_printf(o, "%s", i ? ", " : " held by ");
        render_text_thread_ref(o, &h->ref);
        if (h->read || h->finished)
            out_printf(o, " (%s%s%s)", h->read ? "for reading" : "",
                       h->read && h->finished ? ", " : "", h->finished ? "finished" : "");
    }
}

/* The state between the brackets of a thread block's header. */
static void text_wait(struct report_out *o, const struct report_wait *w)
{
    switch (w->kind) {
    case REPORT_WAIT_RUNNING:
        out_printf(o, "running%s%s", w->note ? ", " : "", w->note ? w->note : "");
        return;
    case REPORT_WAIT_MUTEX:
    case REPORT_WAIT_RDLOCK:
    case REPORT_WAIT_WRLOCK:
    case REPORT_WAIT_SPIN:
        out_printf(o, "blocked");
        text_call(o, w);
        out_printf(o, " on %s M%u (%p)", wait_object[w->kind], w->mutex_id, (void *)w->addr);
        if (w->kind == REPORT_WAIT_RDLOCK || w->kind == REPORT_WAIT_WRLOCK)
            out_printf(o, " for %s", w->kind == REPORT_WAIT_RDLOCK ? "reading" : "writing");
        text_holders(o, w);
        break;
    case REPORT_WAIT_COND:
        out_printf(o, "waiting");
        text_call(o, w);
        out_printf(o, " on condition C%u (%p) with mutex M%u (%p)", w->cond_id, (void *)w->addr,
                   w->mutex_id, (void *)w->mutex_addr);
        break;
    case REPORT_WAIT_JOIN:
        out_printf(o, "joining ");
        if (w->joined.known)
            render_text_thread_ref(o, &w->joined);
        else
            out_printf(o, "a thread crace does not know (%p)", (void *)w->addr);
        text_call(o, w);
        break;
    case REPORT_WAIT_ONCE:
        out_printf(o, "waiting");
        text_call(o, w);
        out_printf(o, " on once control %p (its initializer has not returned)", (void *)w->addr);
        break;
    default: /* semaphore, barrier */
        out_printf(o, "waiting");
        text_call(o, w);
        out_printf(o, " %s %s %p", w->kind == REPORT_WAIT_BARRIER ? "at" : "on",
                   wait_object[w->kind], (void *)w->addr);
        break;
    }
    if (w->timed)
        out_printf(o, ", with a timeout");
    if (w->ms >= 0)
        out_printf(o, ", %lld.%01lld s", (long long)(w->ms / 1000),
                   (long long)(w->ms % 1000 / 100));
}

/* "thread T2 \"worker\"", "main thread"; a group: "3 threads like thread T2 (T2, T4, T7)",
 * its first BLOCK_UIDS_SHOWN members and its last. */
#define BLOCK_UIDS_SHOWN 16
static void text_block_who(struct report_out *o, const struct report_thread_block *b)
{
    if (!b->nlike) {
        render_text_thread_ref(o, &b->ref);
        return;
    }
    out_printf(o, "%u threads like ", b->nlike + 1);
    render_text_thread_ref(o, &b->ref);
    out_printf(o, " (");
    for (uint32_t i = 0; i <= b->nlike; i++) {
        uint32_t uid = i ? b->like[i - 1] : b->ref.uid;
        if (i == BLOCK_UIDS_SHOWN && b->nlike >= BLOCK_UIDS_SHOWN) {
            out_printf(o, ", ... T%u", b->like[b->nlike - 1]);
            break;
        }
        if (uid == 0)
            out_printf(o, "%smain", i ? ", " : "");
        else
            out_printf(o, "%sT%u", i ? ", " : "", uid);
    }
    out_printf(o, ")");
}

void render_text_thread_block(struct report_out *o, const struct report_thread_block *b,
                              int with_creation)
{
    text_block_who(o, b);
    out_printf(o, " [");
    text_wait(o, &b->wait);
    out_printf(o, "]:\n");
    if (b->stack.nframes) {
        if (b->partial) /* where it is now is unknown: the calls it is inside of */
            out_printf(o, "  ...\n");
        render_text_stack(o, &b->stack);
    } else {
        out_printf(o, "  [no frame known: it runs outside any instrumented call]\n");
    }
    text_held(o, b->held, b->nheld);
    if (with_creation && b->created_at.npcs) {
        out_printf(o, "created ");
        if (b->creator.known) {
            out_printf(o, "by ");
            render_text_thread_ref(o, &b->creator);
            out_printf(o, " ");
        }
        out_printf(o, "at:\n");
        render_text_stack(o, &b->created_at);
    }
}

void render_text(struct report_out *o, const struct crace_report *r, int color)
{
    if (r->kind == REPORT_DEADLOCK) {
        render_text_deadlock(o, r, color);
        return;
    }
    if (r->kind != REPORT_DATA_RACE) {
        render_text_tools(o, r, color);
        return;
    }
    out_printf(o, "==================\n%sWARNING: DATA RACE%s\n", color ? "\033[1;31m" : "",
               color ? "\033[0m" : "");
    for (uint32_t i = 0; i < r->naccesses; i++) {
        if (i)
            out_printf(o, "\n");
        text_access(o, &r->accesses[i], color);
    }
    text_location(o, &r->location);
    for (uint32_t i = 0; i < r->nmutexes; i++)
        render_text_mutex(o, &r->mutexes[i]);
    for (uint32_t i = 0; i < r->nthreads; i++)
        render_text_thread(o, &r->threads[i]);
    out_printf(o, "==================\n");
}
