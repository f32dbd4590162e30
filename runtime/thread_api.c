/*
 * thread_api.c - the calls of crace.h about the calling thread: its number
 * (crace_thread_id), its name (crace_get/set_thread_name) and its labels
 * (crace_set_label, crace_clear_labels; storage in labels.c).
 */
#include "intercept.h"

/* The thread a call is about: the caller, registered if the runtime has
 * not met it yet. NULL only for a thread past its exit. */
static struct crace_thread *caller(void)
{
    return thread_current();
}

static void too_many(const struct crace_thread *t, const char *key)
{
    static int warned;
    if (__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
        return;
    rt_printf(2,
              "crace: crace_set_label: label '%.64s' not set on thread T%u: a thread holds at "
              "most %d labels, their keys and values at most %d bytes counting one after "
              "each (reported once)\n",
              key, t->uid, LABELS_MAX, LABELS_BYTES);
}

/* A signal handler making the same calls must not meet a half-built set:
 * signals wait (rt_signals_defer) while one is written. */
RT_EXPORT int crace_set_label(const char *key, const char *value)
{
    struct crace_thread *t = caller();
    if (!t || !key || !*key)
        return -1;
    rt_signals_defer();
    int rc = labels_set(&t->labels, key, value);
    rt_signals_undefer();
    if (rc != 0)
        too_many(t, key);
    return rc;
}

RT_EXPORT void crace_clear_labels(void)
{
    struct crace_thread *t = caller();
    if (!t)
        return;
    rt_signals_defer();
    labels_clear(&t->labels);
    rt_signals_undefer();
}

RT_EXPORT unsigned crace_thread_id(void)
{
    struct crace_thread *t = caller();
    return t ? t->uid : 0;
}

RT_EXPORT const char *crace_get_thread_name(void)
{
    struct crace_thread *t = caller();
    return t ? t->name : "";
}

RT_EXPORT void crace_set_thread_name(const char *name)
{
    struct crace_thread *t = caller();
    if (t && name)
        thread_set_name(t, name);
}
