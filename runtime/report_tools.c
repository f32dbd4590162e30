/*
 * report_tools.c - building the reports of the lock and signal tools
 * (report_tools.h): the arrays of a report sized once, mutex numbers,
 * sites, and thread blocks from what a tool kept of a thread that may be
 * gone by the time it reports.
 *
 * Report path only (report lock held), except kept_thread_fill, which only
 * copies and may run in a signal handler.
 */
#include "report_tools.h"

#include <string.h>

void kept_thread_fill(struct kept_thread *k, const struct crace_thread *t)
{
    k->rec = t;
    k->uid = t->uid;
    rt_memcpy(k->name, t->name, sizeof k->name);
    k->name[sizeof k->name - 1] = 0;
    uint32_t n = t->create_depth < KEPT_CREATE_MAX ? t->create_depth : KEPT_CREATE_MAX;
    if (t->create_stack)
        rt_memcpy(k->create, t->create_stack, n * sizeof *k->create);
    k->ncreate = t->create_stack ? n : 0;
}

void report_tools_begin(struct crace_report *r, int kind, uint32_t sites, uint32_t mutexes,
                        uint32_t threads)
{
    r->kind = (enum report_kind)kind;
    r->tools = report_model_alloc(r, sizeof *r->tools);
    r->tools->sites = report_model_alloc(r, (sites + 1) * sizeof *r->tools->sites);
    r->mutexes = report_model_alloc(r, (mutexes + 1) * sizeof *r->mutexes);
    r->threads = report_model_alloc(r, (threads + 1) * sizeof *r->threads);
}

uint32_t report_tools_mutex(struct crace_report *r, uintptr_t addr)
{
    for (uint32_t i = 0; i < r->nmutexes; i++)
        if (r->mutexes[i].addr == addr)
            return i + 1;
    struct report_mutex *m = &r->mutexes[r->nmutexes++];
    m->id = r->nmutexes;
    m->addr = addr;
    return m->id;
}

struct report_site *report_tools_site(struct crace_report *r, int role, const uintptr_t *pcs,
                                      uint32_t n, int *suppressed)
{
    struct report_site *s = &r->tools->sites[r->tools->nsites++];
    s->role = (enum report_site_role)role;
    report_gather_stack(r, &s->stack, pcs, n, r->kind, suppressed);
    return s;
}

/* Is k's thread still alive (its record in the registry, not finished)? */
struct alive_query {
    const struct crace_thread *rec;
    uint32_t uid;
    int alive;
};

static void alive_check(struct crace_thread *t, void *arg)
{
    struct alive_query *q = arg;
    if (t == q->rec && t->uid == q->uid && !__atomic_load_n(&t->finished, __ATOMIC_ACQUIRE))
        q->alive = 1;
}

void report_kept_thread_ref(struct crace_report *r, struct report_thread_ref *ref,
                            const struct kept_thread *k)
{
    ref->known = 1;
    ref->uid = k->uid;
    if (k->name[0]) {
        char *name = report_model_alloc(r, sizeof k->name);
        rt_memcpy(name, k->name, sizeof k->name);
        ref->name = name;
    }
}

void report_tools_thread(struct crace_report *r, const struct kept_thread *k)
{
    if (k->uid == 0)
        return; /* the main thread has no creation block */
    for (uint32_t i = 0; i < r->nthreads; i++)
        if (r->threads[i].ref.uid == k->uid)
            return;
    struct report_thread *d = &r->threads[r->nthreads++];
    report_kept_thread_ref(r, &d->ref, k);
    struct alive_query q = {k->rec, k->uid, 0};
    thread_for_each(alive_check, &q);
    d->finished = !q.alive;
    report_gather_stack(r, &d->created_at, k->create, k->ncreate, r->kind, 0);
}

void report_tools_end(struct crace_report *r)
{
    for (uint32_t i = 0; i < r->nmutexes; i++)
        report_gather_mutex(r, &r->mutexes[i]);
}
