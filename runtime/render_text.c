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
 *   ==================
 *
 * Frames, thread names, lock lists and blocks each have one helper used
 * wherever they appear.
 */
#include "report_render.h"
#include "report_tools.h"

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
        snprintf(loc, sizeof loc, "%s:%d", f->file, f->line);
    else if (f->module)
        snprintf(loc, sizeof loc, "%s+0x%lx", base_name(f->module),
                 (unsigned long)f->module_offset + 1);
    else
        snprintf(loc, sizeof loc, "0x%lx", (unsigned long)f->pc);
    const char *fn = f->function ? f->function : "?\?";
    int n;
    if (f->func_start)
        n = snprintf(buf, len, "  %s()\n      %s +0x%lx\n", fn, loc,
                     (unsigned long)(f->pc - f->func_start));
    else
        n = snprintf(buf, len, "  %s()\n      %s\n", fn, loc);
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
}

static void uid_label(struct report_out *o, uint32_t uid)
{
    if (uid == 0)
        out_printf(o, "main thread");
    else
        out_printf(o, "thread T%u", uid);
}

void render_text_thread_label(struct report_out *o, const struct report_thread_ref *t)
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
    snprintf(word, sizeof word, "%s%s", a->role == REPORT_PREVIOUS ? "Previous " : "", what);
    if (a->role != REPORT_PREVIOUS)
        word[0] = (char)(word[0] - 'a' + 'A');
    out_printf(o, "%s%s at %p by ", color ? "\033[1m" : "", word, (void *)a->addr);
    render_text_thread_label(o, &a->thread);
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
    text_held(o, a);
}

/* What the memory is; nothing when unknown. */
static void text_location(struct report_out *o, const struct report_location *l)
{
    switch (l->kind) {
    case REPORT_LOC_HEAP:
        out_printf(o, "\nLocation is heap block of size %zu at %p allocated by ", l->size,
                   (void *)l->addr);
        uid_label(o, l->uid);
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
void render_text_mutex(struct report_out *o, const struct report_mutex *m)
{
    out_printf(o, "\nMutex M%u (%p) ", m->id, (void *)m->addr);
    if (m->origin == REPORT_MUTEX_UNKNOWN) {
        out_printf(o, "destroyed since: where it was created is no longer known\n");
        return;
    }
    out_printf(o, "%s by ", m->origin == REPORT_MUTEX_CREATED ? "created" : "first locked");
    uid_label(o, m->uid);
    out_printf(o, " at:\n");
    render_text_stack(o, &m->stack);
}

void render_text_thread(struct report_out *o, const struct report_thread *t)
{
    out_printf(o, "\nThread T%u", t->ref.uid);
    if (t->ref.name)
        out_printf(o, " \"%s\"", t->ref.name);
    out_printf(o, " (%s) created at:\n", t->finished ? "finished" : "running");
    if (t->created_at.npcs)
        render_text_stack(o, &t->created_at);
    else
        out_printf(o, "  [not created through pthread_create]\n");
}

void render_text(struct report_out *o, const struct crace_report *r, int color)
{
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
