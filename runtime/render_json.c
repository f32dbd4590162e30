/*
 * render_json.c - a gathered report (report_model.h) as one JSON object on
 * one line (report_format=json; the schema is in README.md and checked by
 * tests/integration/check_json.py):
 *
 *   {"type":"data_race","current":ACCESS,"previous":ACCESS,"location":...,
 *    "mutexes":[...],"threads":[...]}
 *
 * Frames, stacks, thread references and lock lists each have one helper
 * used wherever they appear.
 */
#include "report_render.h"

static void json_string(struct report_out *o, const char *s)
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
static void json_string_or_null(struct report_out *o, const char *s)
{
    if (s)
        json_string(o, s);
    else
        out_printf(o, "null");
}

static void json_frame(struct report_out *o, const struct report_frame *f)
{
    out_printf(o, "{\"function\":");
    json_string(o, f->function ? f->function : "??");
    if (f->signature) /* a C++ name with its parameter list: rendered without "()" */
        out_printf(o, ",\"signature\":true");
    out_printf(o, ",\"file\":");
    if (f->file) {
        json_string(o, f->file);
        out_printf(o, ",\"line\":%d", f->line);
    } else {
        out_printf(o, "null,\"line\":0");
    }
    out_printf(o, ",\"module\":");
    json_string_or_null(o, f->module);
    if (f->module) /* the pc's offset in its module, as text frames without a line show it */
        out_printf(o, ",\"module_offset\":\"0x%lx\"", (unsigned long)f->module_offset + 1);
    out_printf(o, ",\"pc\":\"0x%lx\"", (unsigned long)f->pc);
    if (f->func_start)
        out_printf(o, ",\"offset\":\"0x%lx\"", (unsigned long)(f->pc - f->func_start));
    out_printf(o, "}");
}

static void json_stack(struct report_out *o, const struct report_stack *s)
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
    json_string_or_null(o, t->name);
}

static void json_thread_ref(struct report_out *o, const struct report_thread_ref *t)
{
    if (!t->known) {
        out_printf(o, "null");
        return;
    }
    json_thread_ref_open(o, t);
    out_printf(o, "}");
}

/* An access's locks: [{"id":1,"addr":"0x...","read":false}, ...], or null
 * when they are not known (its stack was not found). */
static void json_held(struct report_out *o, const struct report_access *a)
{
    if (!a->stack_known) {
        out_printf(o, ",\"mutexes\":null");
        return;
    }
    out_printf(o, ",\"mutexes\":[");
    for (uint32_t i = 0; i < a->nheld; i++)
        out_printf(o, "%s{\"id\":%u,\"addr\":\"%p\",\"read\":%s}", i ? "," : "", a->held[i].id,
                   (void *)a->held[i].addr, a->held[i].read ? "true" : "false");
    out_printf(o, "]");
}

static void json_access(struct report_out *o, const struct report_access *a)
{
    out_printf(o, "\"%s\":{\"kind\":\"%s\",\"atomic\":%s,\"free\":%s,\"addr\":\"%p\",\"thread\":",
               a->role == REPORT_PREVIOUS ? "previous" : "current", a->read ? "read" : "write",
               a->atomic ? "true" : "false", a->freed ? "true" : "false", (void *)a->addr);
    json_thread_ref(o, &a->thread);
    out_printf(o, ",\"stack\":");
    if (a->stack_known)
        json_stack(o, &a->stack);
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
        json_stack(o, &l->stack);
        out_printf(o, "}");
        break;
    case REPORT_LOC_GLOBAL:
        out_printf(o, "{\"kind\":\"global\",\"name\":");
        json_string(o, l->name);
        out_printf(o, ",\"addr\":\"%p\",\"size\":%zu,\"file\":", (void *)l->addr, l->size);
        json_string_or_null(o, l->file);
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
static void json_mutex(struct report_out *o, const struct report_mutex *m)
{
    out_printf(o, "{\"id\":%u,\"addr\":\"%p\",\"origin\":", m->id, (void *)m->addr);
    if (m->origin == REPORT_MUTEX_UNKNOWN) {
        out_printf(o, "null,\"thread\":null,\"stack\":null}");
        return;
    }
    out_printf(o, "\"%s\",\"thread\":%u,\"stack\":",
               m->origin == REPORT_MUTEX_CREATED ? "created" : "first_locked", m->uid);
    json_stack(o, &m->stack);
    out_printf(o, "}");
}

static void json_thread(struct report_out *o, const struct report_thread *t)
{
    json_thread_ref_open(o, &t->ref);
    out_printf(o, ",\"state\":\"%s\",\"created_at\":", t->finished ? "finished" : "running");
    json_stack(o, &t->created_at);
    out_printf(o, ",\"labels\":{");
    for (uint32_t i = 0; i < t->nlabels; i++) {
        json_string(o, t->labels[2 * i]);
        out_printf(o, ":");
        json_string(o, t->labels[2 * i + 1]);
        if (i + 1 < t->nlabels)
            out_printf(o, ",");
    }
    out_printf(o, "}}");
}

void render_json(struct report_out *o, const struct crace_report *r)
{
    out_printf(o, "{\"type\":\"data_race\"");
    for (uint32_t i = 0; i < r->naccesses; i++) {
        out_printf(o, ",");
        json_access(o, &r->accesses[i]);
    }
    out_printf(o, ",");
    json_location(o, &r->location);
    out_printf(o, ",\"mutexes\":[");
    for (uint32_t i = 0; i < r->nmutexes; i++) {
        if (i)
            out_printf(o, ",");
        json_mutex(o, &r->mutexes[i]);
    }
    out_printf(o, "],\"threads\":[");
    for (uint32_t i = 0; i < r->nthreads; i++) {
        if (i)
            out_printf(o, ",");
        json_thread(o, &r->threads[i]);
    }
    out_printf(o, "]}\n");
}
