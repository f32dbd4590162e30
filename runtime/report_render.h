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

/*
 * The pieces every kind of report is made of (render_text.c, render_json.c;
 * used by render_deadlock.c, render_tools.c and dump.c):
 * a stack, a thread's name ("thread T2 \"worker\"", "main thread"; by uid
 * alone), a "Mutex M1 (0x...) created by ... at:" block, a "Thread T2
 * (running) created at:" block, and a thread block (deadlocks, the thread
 * dump; with_creation: its creation stack inside the block, as the dump
 * shows it).
 */
void render_text_stack(struct report_out *o, const struct report_stack *s);
void render_text_thread_ref(struct report_out *o, const struct report_thread_ref *t);
void render_text_uid(struct report_out *o, uint32_t uid);
void render_text_mutex(struct report_out *o, const struct report_mutex *m);
void render_text_thread(struct report_out *o, const struct report_thread *t);
void render_text_thread_block(struct report_out *o, const struct report_thread_block *b,
                              int with_creation);
void render_json_string(struct report_out *o, const char *s);
void render_json_string_or_null(struct report_out *o, const char *s);
void render_json_stack(struct report_out *o, const struct report_stack *s);
void render_json_thread_ref(struct report_out *o, const struct report_thread_ref *t);
void render_json_mutex(struct report_out *o, const struct report_mutex *m);
void render_json_thread(struct report_out *o, const struct report_thread *t);
void render_json_thread_block(struct report_out *o, const struct report_thread_block *b);
/* ,"mutexes":[...],"KEY":[...]} and the newline: how every JSON report ends. */
void render_json_closing_lists(struct report_out *o, const struct crace_report *r,
                               const char *threads_key);

/* Deadlocks (render_deadlock.c). */
void render_text_deadlock(struct report_out *o, const struct crace_report *r, int color);
void render_json_deadlock(struct report_out *o, const struct crace_report *r);

/* The lock and signal tools' kinds (render_tools.c). */
void render_text_tools(struct report_out *o, const struct crace_report *r, int color);
void render_json_tools(struct report_out *o, const struct crace_report *r);

#endif
