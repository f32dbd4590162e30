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
 * wherever they appear.
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

static void text_stack(struct report_out *o, const struct report_stack *s)
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

static void uid_label(struct report_out *o, uint32_t uid)
{
    if (uid == 0)
        out_printf(o, "main thread");
    else
        out_printf(o, "thread T%u", uid);
}

static void thread_label(struct report_out *o, const struct report_thread_ref *t)
{
    if (!t->known) {
        out_printf(o, "an unknown thread");
        return;
    }
    uid_label(o, t->uid);
    if (t->name)
        out_printf(o, " \"%s\"", t->name);
}

/* "Mutexes held: M1 (0x...), M2 (0x..., read)" under an access's stack. */
static void text_held(struct report_out *o, const struct report_access *a)
{
    if (!a->nheld)
        return;
    out_printf(o, "Mutexes held:");
    for (uint32_t i = 0; i < a->nheld; i++)
        out_printf(o, "%s M%u (%p%s)", i ? "," : "", a->held[i].id, (void *)a->held[i].addr,
                   a->held[i].read ? ", read" : "");
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
    thread_label(o, &a->thread);
    out_printf(o, "%s:%s\n", a->freed ? " (free)" : "", color ? "\033[0m" : "");
}

static void text_access(struct report_out *o, const struct report_access *a, int color)
{
    text_access_line(o, a, color);
    if (!a->stack_known) {
        out_printf(o, "  [stack unavailable: history overwritten; raise history_size]\n");
        return;
    }
    text_stack(o, &a->stack);
    text_held(o, a);
}

/* What the memory is; nothing when unknown. */
static void text_location(struct report_out *o, const struct report_location *l)
{
    switch (l->kind) {
    case REPORT_LOC_HEAP:
        out_printf(o, "\nLocation is heap block of size %zu at %p ", l->size, (void *)l->addr);
        if (l->freed_by) {
            out_printf(o, "freed by ");
            uid_label(o, l->freed_by - 1);
            out_printf(o, ", ");
        }
        out_printf(o, "allocated by ");
        uid_label(o, l->uid);
        out_printf(o, ":\n");
        text_stack(o, &l->stack);
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
        uid_label(o, l->uid);
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
static void text_mutex(struct report_out *o, const struct report_mutex *m)
{
    out_printf(o, "\nMutex M%u (%p) ", m->id, (void *)m->addr);
    if (m->origin == REPORT_MUTEX_UNKNOWN) {
        out_printf(o, "destroyed since: where it was created is no longer known\n");
        return;
    }
    out_printf(o, "%s by ", m->origin == REPORT_MUTEX_CREATED ? "created" : "first locked");
    uid_label(o, m->uid);
    out_printf(o, " at:\n");
    text_stack(o, &m->stack);
}

/* Thread T2 "worker" (running, labels: request=42 worker=3) created at: */
static void text_thread(struct report_out *o, const struct report_thread *t)
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
        text_stack(o, &t->created_at);
    else
        out_printf(o, "  [not created through pthread_create]\n");
}

void render_text(struct report_out *o, const struct crace_report *r, int color)
{
    out_printf(o, "==================\n%sWARNING: DATA RACE%s\n", color ? "\033[1;31m" : "",
               color ? "\033[0m" : "");
    for (uint32_t i = 0; i < r->naccesses; i++) {
        if (i)
            out_printf(o, "\n");
        text_access(o, &r->accesses[i], color);
    }
    text_location(o, &r->location);
    for (uint32_t i = 0; i < r->nmutexes; i++)
        text_mutex(o, &r->mutexes[i]);
    for (uint32_t i = 0; i < r->nthreads; i++)
        text_thread(o, &r->threads[i]);
    out_printf(o, "==================\n");
}
