/*
 * render_json.c - a gathered report (report_model.h) as one JSON object on
 * one line (report_format=json; the schema is in README.md and checked by
 * tests/integration/check_json.py):
 *
 *   {"type":"data_race","current":ACCESS,"previous":ACCESS,"location":...,
 *    "mutexes":[...],"threads":[...]}
 *
 * Frames, stacks, thread references and lock lists each have one helper
 * used wherever they appear; deadlocks (render_deadlock.c) and the thread
 * dump (dump.c) are made of the same pieces and of thread blocks:
 *
 *   {"id":2,"main":false,"name":null,"like":[4,5],"wait":WAIT|null,
 *    "note":null,"stack":[...],"mutexes":[...],"created_at":[...]}
 */
#include "report_render.h"
#include "report_tools.h"

void render_json_string(struct report_out *o, const char *s)
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

/* A string or null. */
void render_json_string_or_null(struct report_out *o, const char *s)
{
    if (s)
        render_json_string(o, s);
    else
        out_printf(o, "null");
}

static void json_frame(struct report_out *o, const struct report_frame *f)
{
    out_printf(o, "{\"function\":");
    render_json_string(o, f->function ? f->function : "??");
    if (f->signature) /* a C++ name with its parameter list: rendered without "()" */
        out_printf(o, ",\"signature\":true");
    out_printf(o, ",\"file\":");
    if (f->file) {
        render_json_string(o, f->file);
        out_printf(o, ",\"line\":%d", f->line);
    } else {
        out_printf(o, "null,\"line\":0");
    }
    out_printf(o, ",\"module\":");
    render_json_string_or_null(o, f->module);
    if (f->module) /* the pc's offset in its module, as text frames without a line show it */
        out_printf(o, ",\"module_offset\":\"0x%lx\"", (unsigned long)f->module_offset + 1);
    out_printf(o, ",\"pc\":\"0x%lx\"", (unsigned long)f->pc);
    if (f->func_start)
        out_printf(o, ",\"offset\":\"0x%lx\"", (unsigned long)(f->pc - f->func_start));
    out_printf(o, "}");
}

void render_json_stack(struct report_out *o, const struct report_stack *s)
{
    out_printf(o, "[");
    for (uint32_t i = 0; i < s->nframes; i++) {
        if (i)
            out_printf(o, ",");
        json_frame(o, &s->frames[i]);
    }
    out_printf(o, "]");
}

/* {"id":2,"main":false,"name":null} without its closing brace. */
static void json_thread_ref_open(struct report_out *o, const struct report_thread_ref *t)
{
    out_printf(o, "{\"id\":%u,\"main\":%s,\"name\":", t->uid, t->uid == 0 ? "true" : "false");
    render_json_string_or_null(o, t->name);
}

void render_json_thread_ref(struct report_out *o, const struct report_thread_ref *t)
{
    if (!t->known) {
        out_printf(o, "null");
        return;
    }
    json_thread_ref_open(o, t);
    out_printf(o, "}");
}

/* Locks held: ,"mutexes":[{"id":1,"addr":"0x...","read":false}, ...] */
static void json_held_list(struct report_out *o, const struct report_held *held, uint32_t n)
{
    out_printf(o, ",\"mutexes\":[");
    for (uint32_t i = 0; i < n; i++)
        out_printf(o, "%s{\"id\":%u,\"addr\":\"%p\",\"read\":%s}", i ? "," : "", held[i].id,
                   (void *)held[i].addr, held[i].read ? "true" : "false");
    out_printf(o, "]");
}

/* An access's locks, or null when they are not known (its stack was not found). */
static void json_held(struct report_out *o, const struct report_access *a)
{
    if (!a->stack_known) {
        out_printf(o, ",\"mutexes\":null");
        return;
    }
    json_held_list(o, a->held, a->nheld);
}

static void json_access(struct report_out *o, const struct report_access *a)
{
    out_printf(o, "\"%s\":{\"kind\":\"%s\",\"atomic\":%s,\"free\":%s,\"addr\":\"%p\",\"thread\":",
               a->role == REPORT_PREVIOUS ? "previous" : "current", a->read ? "read" : "write",
               a->atomic ? "true" : "false", a->freed ? "true" : "false", (void *)a->addr);
    render_json_thread_ref(o, &a->thread);
    out_printf(o, ",\"stack\":");
    if (a->stack_known)
        render_json_stack(o, &a->stack);
    else
        out_printf(o, "null");
    out_printf(o, ",\"outer_frames_missing\":%u", a->stack.missing);
    json_held(o, a);
    out_printf(o, "}");
}

static void json_location(struct report_out *o, const struct report_location *l)
{
    out_printf(o, "\"location\":");
    switch (l->kind) {
    case REPORT_LOC_HEAP:
        out_printf(o, "{\"kind\":\"heap\",\"addr\":\"%p\",\"size\":%zu,\"thread\":%u,",
                   (void *)l->addr, l->size, l->uid);
        if (l->freed_by)
            out_printf(o, "\"freed_by\":%u,", l->freed_by - 1);
        out_printf(o, "\"stack\":");
        render_json_stack(o, &l->stack);
        out_printf(o, "}");
        break;
    case REPORT_LOC_GLOBAL:
        out_printf(o, "{\"kind\":\"global\",\"name\":");
        render_json_string(o, l->name);
        out_printf(o, ",\"addr\":\"%p\",\"size\":%zu,\"file\":", (void *)l->addr, l->size);
        render_json_string_or_null(o, l->file);
        out_printf(o, ",\"line\":%d}", l->line);
        break;
    case REPORT_LOC_STACK:
    case REPORT_LOC_TLS:
        out_printf(o, "{\"kind\":\"%s\",\"thread\":%u}",
                   l->kind == REPORT_LOC_TLS ? "tls" : "stack", l->uid);
        break;
    case REPORT_LOC_FD:
        out_printf(o, "{\"kind\":\"fd\",\"fd\":%d}", l->fd);
        break;
    case REPORT_LOC_NONE:
        out_printf(o, "null");
        break;
    }
}

/* The report's locks with their origins. */
void render_json_mutex(struct report_out *o, const struct report_mutex *m)
{
    out_printf(o, "{\"id\":%u,\"addr\":\"%p\",\"origin\":", m->id, (void *)m->addr);
    if (m->origin == REPORT_MUTEX_UNKNOWN) {
        out_printf(o, "null,\"thread\":null,\"stack\":null}");
        return;
    }
    out_printf(o, "\"%s\",\"thread\":%u,\"stack\":",
               m->origin == REPORT_MUTEX_CREATED ? "created" : "first_locked", m->uid);
    render_json_stack(o, &m->stack);
    out_printf(o, "}");
}

void render_json_thread(struct report_out *o, const struct report_thread *t)
{
    json_thread_ref_open(o, &t->ref);
    out_printf(o, ",\"state\":\"%s\",\"created_at\":", t->finished ? "finished" : "running");
    render_json_stack(o, &t->created_at);
    out_printf(o, ",\"labels\":{");
    for (uint32_t i = 0; i < t->nlabels; i++) {
        render_json_string(o, t->labels[2 * i]);
        out_printf(o, ":");
        render_json_string(o, t->labels[2 * i + 1]);
        if (i + 1 < t->nlabels)
            out_printf(o, ",");
    }
    out_printf(o, "}}");
}

/* --- thread blocks (deadlocks, the thread dump) --- */

static const char *const wait_kind_name[] = {
    [REPORT_WAIT_MUTEX] = "mutex",   [REPORT_WAIT_RDLOCK] = "rdlock",
    [REPORT_WAIT_WRLOCK] = "wrlock", [REPORT_WAIT_SPIN] = "spin",
    [REPORT_WAIT_COND] = "cond",     [REPORT_WAIT_JOIN] = "join",
    [REPORT_WAIT_SEM] = "sem",       [REPORT_WAIT_BARRIER] = "barrier",
    [REPORT_WAIT_ONCE] = "once",
};

static void json_id_or_null(struct report_out *o, const char *key, uint32_t id)
{
    if (id)
        out_printf(o, ",\"%s\":%u", key, id);
    else
        out_printf(o, ",\"%s\":null", key);
}

static void json_wait(struct report_out *o, const struct report_wait *w)
{
    out_printf(o, "{\"kind\":\"%s\",\"call\":", wait_kind_name[w->kind]);
    render_json_string_or_null(o, w->call);
    out_printf(o, ",\"addr\":\"%p\"", (void *)w->addr);
    json_id_or_null(o, "mutex", w->mutex_id);
    json_id_or_null(o, "cond", w->cond_id);
    out_printf(o, ",\"held_by\":[");
    for (uint32_t i = 0; i < w->nholders; i++) {
        if (i)
            out_printf(o, ",");
        json_thread_ref_open(o, &w->holders[i].ref);
        out_printf(o, ",\"finished\":%s,\"read\":%s}", w->holders[i].finished ? "true" : "false",
                   w->holders[i].read ? "true" : "false");
    }
    out_printf(o, "],\"joining\":");
    if (w->kind == REPORT_WAIT_JOIN)
        render_json_thread_ref(o, &w->joined);
    else
        out_printf(o, "null");
    out_printf(o, ",\"timed\":%s,\"seconds\":", w->timed ? "true" : "false");
    if (w->ms >= 0)
        out_printf(o, "%lld.%03lld", (long long)(w->ms / 1000), (long long)(w->ms % 1000));
    else
        out_printf(o, "null");
    out_printf(o, "}");
}

void render_json_thread_block(struct report_out *o, const struct report_thread_block *b)
{
    json_thread_ref_open(o, &b->ref);
    out_printf(o, ",\"like\":[");
    for (uint32_t i = 0; i < b->nlike; i++)
        out_printf(o, "%s%u", i ? "," : "", b->like[i]);
    out_printf(o, "],\"wait\":");
    if (b->wait.kind == REPORT_WAIT_RUNNING)
        out_printf(o, "null");
    else
        json_wait(o, &b->wait);
    out_printf(o, ",\"note\":");
    render_json_string_or_null(o, b->wait.note);
    out_printf(o, ",\"stack\":");
    render_json_stack(o, &b->stack);
    out_printf(o, ",\"partial\":%s", b->partial ? "true" : "false");
    json_held_list(o, b->held, b->nheld);
    out_printf(o, ",\"created_at\":");
    render_json_stack(o, &b->created_at);
    out_printf(o, ",\"created_by\":");
    render_json_thread_ref(o, &b->creator);
    out_printf(o, "}");
}

/*
 * The lists every report kind ends with: ,"mutexes":[...],"KEY":[...]} and
 * the newline (KEY: "threads", or "created" in a deadlock report).
 */
void render_json_closing_lists(struct report_out *o, const struct crace_report *r,
                               const char *threads_key)
{
    out_printf(o, ",\"mutexes\":[");
    for (uint32_t i = 0; i < r->nmutexes; i++) {
        if (i)
            out_printf(o, ",");
        render_json_mutex(o, &r->mutexes[i]);
    }
    out_printf(o, "],\"%s\":[", threads_key);
    for (uint32_t i = 0; i < r->nthreads; i++) {
        if (i)
            out_printf(o, ",");
        render_json_thread(o, &r->threads[i]);
    }
    out_printf(o, "]}\n");
}

void render_json(struct report_out *o, const struct crace_report *r)
{
    if (r->kind == REPORT_DEADLOCK) {
        render_json_deadlock(o, r);
        return;
    }
    if (r->kind != REPORT_DATA_RACE) {
        render_json_tools(o, r);
        return;
    }
    out_printf(o, "{\"type\":\"data_race\"");
    for (uint32_t i = 0; i < r->naccesses; i++) {
        out_printf(o, ",");
        json_access(o, &r->accesses[i]);
    }
    out_printf(o, ",");
    json_location(o, &r->location);
    render_json_closing_lists(o, r, "threads");
}
