/*
 * render_tools.c - the reports of the lock and signal tools
 * (report_tools.h) in Go's layout and as JSON, e.g.
 *
 *   ==================
 *   WARNING: LOCK ORDER INVERSION (potential deadlock)
 *   Cycle in lock order graph: M1 (0x...) => M2 (0x...) => M1
 *
 *   Mutex M2 acquired here while holding M1, by thread T1:
 *     worker1()
 *         lo_two.c:20 +0x2b
 *
 *   Mutex M1 previously acquired by the same thread here:
 *     ...
 *   (the same for every edge of the cycle)
 *
 *   Mutex M1 (0x...) created by main thread at:
 *     ...
 *
 *   Thread T1 (finished) created at:
 *     ...
 *   ==================
 *
 * Lock misuse, thread leaks and signal hazards have a line or a first
 * site saying what happened, then the same blocks.
 *
 * JSON (schema in README.md): {"type":"lock_order_inversion"|"lock_misuse"|
 * "thread_leak"|"signal_hazard", the kind's own fields, "sites":[SITE...],
 * "mutexes":[...], "threads":[...]}.
 */
#include "report_tools.h"

#include <signal.h>
#include <string.h>

const char *report_tools_title(const struct crace_report *r)
{
    static const char *const misuse[] = {
        [MISUSE_UNLOCK_UNLOCKED] = "UNLOCK OF UNLOCKED MUTEX",
        [MISUSE_UNLOCK_NOT_OWNER] = "UNLOCK BY NON-OWNER",
        [MISUSE_DOUBLE_LOCK] = "DOUBLE LOCK",
        [MISUSE_DESTROY_LOCKED] = "DESTROY OF LOCKED MUTEX",
        [MISUSE_USE_DESTROYED] = "USE OF DESTROYED MUTEX",
        [MISUSE_COND_TWO_MUTEXES] = "CONDITION VARIABLE WITH TWO MUTEXES",
    };
    switch (r->kind) {
    case REPORT_LOCK_ORDER:
        return "LOCK ORDER INVERSION (potential deadlock)";
    case REPORT_LOCK_MISUSE:
        return misuse[r->tools->what];
    case REPORT_THREAD_LEAK:
        return "THREAD LEAK";
    case REPORT_SIGNAL:
        return r->tools->what == SIGNAL_ERRNO ? "SIGNAL HANDLER SPOILS ERRNO"
                                              : "SIGNAL-UNSAFE CALL IN SIGNAL HANDLER";
    default:
        return "?";
    }
}

static const struct report_mutex *mutex_of(const struct crace_report *r, uint32_t id)
{
    return id && id <= r->nmutexes ? &r->mutexes[id - 1] : 0;
}

/* "M1 (0x...)" */
static void text_mutex_name(struct report_out *o, const struct crace_report *r, uint32_t id)
{
    const struct report_mutex *m = mutex_of(r, id);
    out_printf(o, "M%u (%p)", id, m ? (void *)m->addr : 0);
}

static void text_signal(struct report_out *o, int sig)
{
    const char *name = sigabbrev_np(sig);
    if (name)
        out_printf(o, "SIG%s (%d)", name, sig);
    else
        out_printf(o, "%d", sig);
}

/* The header line of a misuse's first site, the call. */
static void text_misuse_call(struct report_out *o, const struct crace_report *r,
                             const struct report_site *s)
{
    const struct report_tools *x = r->tools;
    switch (x->what) {
    case MISUSE_UNLOCK_UNLOCKED:
        out_printf(o, "Unlock of mutex ");
        text_mutex_name(o, r, s->mutex);
        out_printf(o, ", which no thread holds, by ");
        break;
    case MISUSE_UNLOCK_NOT_OWNER:
        out_printf(o, "Unlock of mutex ");
        text_mutex_name(o, r, s->mutex);
        out_printf(o, ", which another thread holds, by ");
        break;
    case MISUSE_DOUBLE_LOCK:
        out_printf(o, "Mutex ");
        text_mutex_name(o, r, s->mutex);
        out_printf(o, " locked again by its owner (it is not recursive: the call %s), by ",
                   x->timed ? "can only time out" : "never returns");
        break;
    case MISUSE_DESTROY_LOCKED:
        out_printf(o, "Destroy of mutex ");
        text_mutex_name(o, r, s->mutex);
        out_printf(o, ", which is locked, by ");
        break;
    case MISUSE_USE_DESTROYED:
        out_printf(o, "Use of mutex ");
        text_mutex_name(o, r, s->mutex);
        out_printf(o, " after it was destroyed, by ");
        break;
    case MISUSE_COND_TWO_MUTEXES:
        out_printf(o, "Condition variable %p waited on with mutex ", (void *)x->cond);
        text_mutex_name(o, r, s->mutex);
        out_printf(o, " while another thread waits on it with mutex ");
        text_mutex_name(o, r, s->other);
        out_printf(o, ", by ");
        break;
    }
}

static void text_site_header(struct report_out *o, const struct crace_report *r,
                             const struct report_site *s, int color)
{
    out_printf(o, "%s", color ? "\033[1m" : "");
    switch (s->role) {
    case SITE_ACQUIRED:
        out_printf(o, "Mutex M%u acquired here while holding M%u, by ", s->mutex, s->other);
        render_text_thread_ref(o, &s->thread);
        break;
    case SITE_HELD_SINCE:
        out_printf(o, "Mutex M%u previously acquired by the same thread here", s->mutex);
        break;
    case SITE_OWNER_ACQUIRED:
        out_printf(o, "Mutex M%u acquired by ", s->mutex);
        render_text_thread_ref(o, &s->thread);
        out_printf(o, " here");
        break;
    case SITE_DESTROYED:
        out_printf(o, "Mutex M%u destroyed by ", s->mutex);
        render_text_thread_ref(o, &s->thread);
        out_printf(o, " here");
        break;
    case SITE_OTHER_WAIT:
        out_printf(o, "Also waited on with mutex M%u by ", s->mutex);
        render_text_thread_ref(o, &s->thread);
        out_printf(o, " here");
        break;
    case SITE_CALL:
        if (r->kind == REPORT_LOCK_MISUSE) {
            text_misuse_call(o, r, s);
        } else if (r->tools->what == SIGNAL_ERRNO) {
            out_printf(o, "The handler of signal ");
            text_signal(o, r->tools->sig);
            out_printf(o, " changed errno and returned, in ");
        } else {
            out_printf(o, "Call to %s(), which is not async-signal-safe, in the handler of signal ",
                       r->tools->fn);
            text_signal(o, r->tools->sig);
            out_printf(o, ", by ");
        }
        render_text_thread_ref(o, &s->thread);
        break;
    }
    out_printf(o, ":%s\n", color ? "\033[0m" : "");
}

static void text_cycle(struct report_out *o, const struct crace_report *r)
{
    out_printf(o, "Cycle in lock order graph: ");
    for (uint32_t i = 0; i < r->tools->ncycle; i++) {
        text_mutex_name(o, r, r->tools->cycle[i]);
        out_printf(o, " => ");
    }
    out_printf(o, "M%u\n\n", r->tools->ncycle ? r->tools->cycle[0] : 0);
}

static void text_leak(struct report_out *o, const struct crace_report *r)
{
    const struct report_tools *x = r->tools;
    if (x->nleaked == 1) {
        out_printf(o, "Thread T%u finished and was never joined or detached\n", x->leaked[0]);
    } else {
        out_printf(o,
                   "%u threads created at the same place finished and were never joined or "
                   "detached:",
                   x->nleaked);
        for (uint32_t i = 0; i < x->nleaked; i++)
            out_printf(o, "%s T%u", i ? "," : "", x->leaked[i]);
        out_printf(o, "\n");
    }
}

void render_text_tools(struct report_out *o, const struct crace_report *r, int color)
{
    out_printf(o, "==================\n%sWARNING: %s%s\n", color ? "\033[1;31m" : "",
               report_tools_title(r), color ? "\033[0m" : "");
    if (r->kind == REPORT_LOCK_ORDER)
        text_cycle(o, r);
    if (r->kind == REPORT_THREAD_LEAK)
        text_leak(o, r);
    for (uint32_t i = 0; i < r->tools->nsites; i++) {
        if (i)
            out_printf(o, "\n");
        text_site_header(o, r, &r->tools->sites[i], color);
        render_text_stack(o, &r->tools->sites[i].stack);
    }
    for (uint32_t i = 0; i < r->nmutexes; i++)
        render_text_mutex(o, &r->mutexes[i]);
    for (uint32_t i = 0; i < r->nthreads; i++)
        render_text_thread(o, &r->threads[i]);
    out_printf(o, "==================\n");
}

/* ---- JSON ---- */

static const char *const role_names[] = {
    [SITE_ACQUIRED] = "acquired",   [SITE_HELD_SINCE] = "held_since",
    [SITE_CALL] = "call",           [SITE_OWNER_ACQUIRED] = "owner_acquired",
    [SITE_DESTROYED] = "destroyed", [SITE_OTHER_WAIT] = "other_wait",
};

static void json_id_or_null(struct report_out *o, const char *key, uint32_t id)
{
    if (id)
        out_printf(o, ",\"%s\":%u", key, id);
    else
        out_printf(o, ",\"%s\":null", key);
}

static void json_site(struct report_out *o, const struct report_site *s)
{
    out_printf(o, "{\"role\":\"%s\"", role_names[s->role]);
    json_id_or_null(o, "mutex", s->mutex);
    json_id_or_null(o, "other", s->other);
    out_printf(o, ",\"thread\":");
    render_json_thread_ref(o, &s->thread);
    out_printf(o, ",\"stack\":");
    render_json_stack(o, &s->stack);
    out_printf(o, "}");
}

static void json_kind_fields(struct report_out *o, const struct crace_report *r)
{
    static const char *const misuse[] = {
        [MISUSE_UNLOCK_UNLOCKED] = "unlock_unlocked",
        [MISUSE_UNLOCK_NOT_OWNER] = "unlock_not_owner",
        [MISUSE_DOUBLE_LOCK] = "double_lock",
        [MISUSE_DESTROY_LOCKED] = "destroy_locked",
        [MISUSE_USE_DESTROYED] = "use_destroyed",
        [MISUSE_COND_TWO_MUTEXES] = "cond_two_mutexes",
    };
    const struct report_tools *x = r->tools;
    switch (r->kind) {
    case REPORT_LOCK_ORDER:
        out_printf(o, "{\"type\":\"lock_order_inversion\",\"cycle\":[");
        for (uint32_t i = 0; i < x->ncycle; i++)
            out_printf(o, "%s%u", i ? "," : "", x->cycle[i]);
        out_printf(o, "]");
        break;
    case REPORT_LOCK_MISUSE:
        out_printf(o, "{\"type\":\"lock_misuse\",\"misuse\":\"%s\",\"timed\":%s,\"cond\":",
                   misuse[x->what], x->timed ? "true" : "false");
        if (x->cond)
            out_printf(o, "\"%p\"", (void *)x->cond);
        else
            out_printf(o, "null");
        break;
    case REPORT_THREAD_LEAK:
        out_printf(o, "{\"type\":\"thread_leak\",\"count\":%u,\"leaked\":[", x->nleaked);
        for (uint32_t i = 0; i < x->nleaked; i++)
            out_printf(o, "%s%u", i ? "," : "", x->leaked[i]);
        out_printf(o, "]");
        break;
    default:
        out_printf(o, "{\"type\":\"signal_hazard\",\"hazard\":\"%s\",\"signal\":%d,\"function\":",
                   x->what == SIGNAL_ERRNO ? "errno" : "unsafe_call", x->sig);
        if (x->fn)
            render_json_string(o, x->fn);
        else
            out_printf(o, "null");
        break;
    }
}

void render_json_tools(struct report_out *o, const struct crace_report *r)
{
    json_kind_fields(o, r);
    out_printf(o, ",\"sites\":[");
    for (uint32_t i = 0; i < r->tools->nsites; i++) {
        if (i)
            out_printf(o, ",");
        json_site(o, &r->tools->sites[i]);
    }
    out_printf(o, "]");
    render_json_closing_lists(o, r, "threads");
}
