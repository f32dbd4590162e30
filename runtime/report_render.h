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

/* Pieces both renderers use wherever they appear, for other kinds too
 * (render_tools.c): text stacks, thread labels ("thread T2 \"name\"",
 * "main thread"), "Mutex M1 (0x...) created by ... at:" and "Thread T1
 * (running) created at:" blocks; JSON strings, stacks, thread references,
 * mutexes and thread blocks. */
void render_text_stack(struct report_out *o, const struct report_stack *s);
void render_text_thread_label(struct report_out *o, const struct report_thread_ref *t);
void render_text_mutex(struct report_out *o, const struct report_mutex *m);
void render_text_thread(struct report_out *o, const struct report_thread *t);
void render_json_string(struct report_out *o, const char *s);
void render_json_stack(struct report_out *o, const struct report_stack *s);
void render_json_thread_ref(struct report_out *o, const struct report_thread_ref *t);
void render_json_mutex(struct report_out *o, const struct report_mutex *m);
void render_json_thread(struct report_out *o, const struct report_thread *t);

#endif
