/*
 * render_deadlock.c - a gathered deadlock report (report_model.h, kind
 * REPORT_DEADLOCK; gathered by deadlock.c) as text in Go's layout, or as
 * one JSON object (schema: README.md):
 *
 *   ==================
 *   WARNING: DEADLOCK (wait-for cycle)
 *   Cycle: thread T1 waits for mutex M2 held by thread T2, which waits for mutex M1 held by
 *   thread T1.
 *
 *   thread T1 [blocked in pthread_mutex_lock on mutex M2 (0x...) held by thread T2, 0.2 s]:
 *     worker1()
 *         dl_abba.c:20 +0x2c
 *   Mutexes held: M1 (0x...)
 *   ...
 *   Mutex M1 (0x...) created by main thread at:
 *     ...
 *   Thread T1 (running) created at:
 *     ...
 *   ==================
 *
 * "WARNING: DEADLOCK (all threads are blocked)" has no Cycle line and shows
 * every live thread. The blocks, mutex and thread sections are the shared
 * ones of render_text.c / render_json.c.
 */
#include "report_render.h"

/* "Cycle: thread T1 waits for mutex M2 held by thread T2, which joins main thread, ..." */
static void text_cycle(struct report_out *o, const struct crace_report *r)
{
    out_printf(o, "Cycle: ");
    for (uint32_t i = 0; i < r->ncycle; i++) {
        const struct report_thread_block *b = &r->blocks[r->cycle[i].block];
        const struct report_thread_block *next = &r->blocks[r->cycle[(i + 1) % r->ncycle].block];
        if (i == 0)
            render_text_thread_ref(o, &b->ref);
        else
            out_printf(o, ", which");
        if (r->cycle[i].mutex_id)
            out_printf(o, " waits for M%u held by ", r->cycle[i].mutex_id);
        else
            out_printf(o, " joins ");
        render_text_thread_ref(o, &next->ref);
    }
    out_printf(o, ".\n");
}

void render_text_deadlock(struct report_out *o, const struct crace_report *r, int color)
{
    out_printf(o, "==================\n%sWARNING: DEADLOCK (%s)%s\n", color ? "\033[1;31m" : "",
               r->ncycle ? "wait-for cycle" : "all threads are blocked", color ? "\033[0m" : "");
    if (r->ncycle)
        text_cycle(o, r);
    for (uint32_t i = 0; i < r->nblocks; i++) {
        if (i || r->ncycle)
            out_printf(o, "\n");
        render_text_thread_block(o, &r->blocks[i], 0);
    }
    for (uint32_t i = 0; i < r->nmutexes; i++)
        render_text_mutex(o, &r->mutexes[i]);
    for (uint32_t i = 0; i < r->nthreads; i++)
        render_text_thread(o, &r->threads[i]);
    out_printf(o, "==================\n");
}

void render_json_deadlock(struct report_out *o, const struct crace_report *r)
{
    out_printf(o, "{\"type\":\"deadlock\",\"reason\":\"%s\",\"cycle\":",
               r->ncycle ? "cycle" : "all_blocked");
    if (r->ncycle) {
        out_printf(o, "[");
        for (uint32_t i = 0; i < r->ncycle; i++) {
            out_printf(o, "%s{\"thread\":", i ? "," : "");
            render_json_thread_ref(o, &r->blocks[r->cycle[i].block].ref);
            if (r->cycle[i].mutex_id)
                out_printf(o, ",\"mutex\":%u}", r->cycle[i].mutex_id);
            else
                out_printf(o, ",\"mutex\":null}");
        }
        out_printf(o, "]");
    } else {
        out_printf(o, "null");
    }
    out_printf(o, ",\"threads\":[");
    for (uint32_t i = 0; i < r->nblocks; i++) {
        if (i)
            out_printf(o, ",");
        render_json_thread_block(o, &r->blocks[i]);
    }
    out_printf(o, "]");
    render_json_closing_lists(o, r, "created");
}
