/*
 * render_out.c - the output buffer of one report (report_render.h) and the
 * memory of a gathered report (report_model.h).
 */
#include "report_render.h"
#include "rt.h"

#include <stdio.h>

void out_printf(struct report_out *o, const char *fmt, ...)
{
    if (!o->buf) {
        o->cap = 4096;
        o->buf = rt_alloc(o->cap);
    }
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = rt_vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
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

void out_free(struct report_out *o)
{
    rt_free(o->buf);
    o->buf = 0;
    o->len = o->cap = 0;
}

/* The report's allocations, chained so one call frees them all. */
struct report_block {
    struct report_block *next;
    max_align_t data[];
};

void *report_model_alloc(struct crace_report *r, size_t n)
{
    struct report_block *b = rt_alloc(sizeof *b + n);
    b->next = r->memory;
    r->memory = b;
    return b->data;
}

void report_model_free(struct crace_report *r)
{
    while (r->memory) {
        struct report_block *b = r->memory;
        r->memory = b->next;
        rt_free(b);
    }
}
