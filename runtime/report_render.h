/*
 * report_render.h - turning a gathered report (report_model.h) into bytes:
 * the growing output buffer the renderers write into (render_out.c) and
 * the two renderers, Go-style text (render_text.c) and JSON Lines
 * (render_json.c). Renderers only read the model: no lookups, no
 * symbolization, no locks.
 */
#ifndef CRACE_REPORT_RENDER_H
#define CRACE_REPORT_RENDER_H

#include "report_model.h"

#include <stddef.h>

/* Output of one report, written out with a single write at the end. */
struct report_out {
    char *buf;
    size_t len, cap;
};

void out_printf(struct report_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_free(struct report_out *o);

/* The report in Go's layout ("==================\nWARNING: DATA RACE\n...");
 * color: the warning in red and the access lines in bold (ANSI). */
void render_text(struct report_out *o, const struct crace_report *r, int color);
/* One frame as its two text lines ("  fn()\n      file:line +0xOFF\n") into
 * buf; returns the length it needed (snprintf-like). */
size_t render_text_frame(char *buf, size_t len, const struct report_frame *f);

/* The report as one JSON object on one line (schema: README.md). */
void render_json(struct report_out *o, const struct crace_report *r);

#endif
