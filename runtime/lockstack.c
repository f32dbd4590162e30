/*
 * lockstack.c - the locks each thread holds and where it took them
 * (lockstack.h), kept from the lock events of events.h.
 *
 * Per acquisition: the thread's record by its slot (an array index), and
 * one entry written at the top: the lock, how it was taken, and up to
 * LS_STACK frames of the shadow stack (a copy: by the time a report wants
 * the stack of a lock taken in a helper function that returned, the shadow
 * stack has moved on). A release drops the newest entry of its lock.
 * No lock, no allocation after a slot's first lock.
 */
#include "lockstack.h"
#include "options.h"

static struct ls_thread *by_slot[CELL_MAX_SLOTS];
static uint32_t nslots_seen; /* slots below this may have a record */

int lockstack_on(void)
{
    return opt_detect_lock_order || opt_report_mutex_bugs;
}

struct ls_thread *lockstack_of(const struct crace_thread *t)
{
    return __atomic_load_n(&by_slot[t->slot], __ATOMIC_ACQUIRE);
}

/* t's record, made at its slot's first lock. */
static struct ls_thread *record_of(struct crace_thread *t)
{
    struct ls_thread *ls = lockstack_of(t);
    if (likely(ls != 0))
        return ls;
    ls = rt_alloc(sizeof *ls);
    ls->t = t;
    ls->uid = t->uid;
    __atomic_store_n(&by_slot[t->slot], ls, __ATOMIC_RELEASE);
    uint32_t seen = __atomic_load_n(&nslots_seen, __ATOMIC_RELAXED);
    while (seen <= t->slot && !__atomic_compare_exchange_n(&nslots_seen, &seen, t->slot + 1, 1,
                                                           __ATOMIC_RELEASE, __ATOMIC_RELAXED))
        ;
    return ls;
}

struct ls_entry *lockstack_find(const struct crace_thread *t, uintptr_t addr)
{
    struct ls_thread *ls = lockstack_of(t);
    for (uint32_t i = ls ? ls->n : 0; i > 0; i--)
        if (ls->e[i - 1].addr == addr)
            return &ls->e[i - 1];
    return 0;
}

int lockstack_drop(struct crace_thread *t, uintptr_t addr)
{
    struct ls_thread *ls = lockstack_of(t);
    for (uint32_t i = ls ? ls->n : 0; i > 0; i--) {
        if (ls->e[i - 1].addr != addr)
            continue;
        for (uint32_t k = i; k < ls->n; k++)
            ls->e[k - 1] = ls->e[k];
        __atomic_store_n(&ls->n, ls->n - 1, __ATOMIC_RELEASE);
        return 1;
    }
    return 0;
}

struct ls_thread *lockstack_holder(uintptr_t addr, const struct crace_thread *self,
                                   struct ls_entry *copy)
{
    uint32_t n = __atomic_load_n(&nslots_seen, __ATOMIC_ACQUIRE);
    for (uint32_t s = 0; s < n; s++) {
        struct ls_thread *ls = __atomic_load_n(&by_slot[s], __ATOMIC_ACQUIRE);
        if (!ls || ls->t == self)
            continue;
        uint32_t held = __atomic_load_n(&ls->n, __ATOMIC_ACQUIRE);
        for (uint32_t i = held < LS_MAX ? held : LS_MAX; i > 0; i--) {
            if (__atomic_load_n(&ls->e[i - 1].addr, __ATOMIC_RELAXED) == addr) {
                rt_memcpy(copy, &ls->e[i - 1], sizeof *copy);
                if (copy->depth > LS_STACK)
                    copy->depth = LS_STACK;
                return ls;
            }
        }
    }
    return 0;
}

/* A new thread on the slot holds nothing. */
static void started(struct crace_thread *t)
{
    struct ls_thread *ls = lockstack_of(t);
    if (!ls)
        return;
    ls->n = 0;
    ls->lost = 0;
    ls->uid = t->uid;
    ls->finished = 0;
    __atomic_store_n(&ls->t, t, __ATOMIC_RELEASE);
}

/* What it held when it finished stays: held forever (a dead owner). */
static void finished(struct crace_thread *t)
{
    struct ls_thread *ls = lockstack_of(t);
    if (ls)
        __atomic_store_n(&ls->finished, 1, __ATOMIC_RELEASE);
}

static void taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    struct ls_thread *ls = record_of(t);
    if (ls->t != t)
        started(t); /* its first lock on a slot made by an earlier thread */
    if (ls->n == LS_MAX) {
        ls->lost++;
        return;
    }
    /* A blocking call that had a timeout took it (the wait it ended was on it). */
    int timed = !(flags & EV_TRY) && t->wait.obj == addr && (t->wait.flags & EV_TIMED);
    struct ls_entry *e = &ls->e[ls->n];
    e->addr = addr;
    e->flags = (flags & (EV_READ | EV_TRY)) | (timed ? EV_TIMED : 0);
    e->node = 0;
    e->depth = thread_stack_copy(t, pc, e->stack, LS_STACK);
    __atomic_store_n(&ls->n, ls->n + 1, __ATOMIC_RELEASE);
}

static void released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    (void)pc;
    if (!lockstack_drop(t, addr)) {
        struct ls_thread *ls = lockstack_of(t);
        if (ls && ls->lost)
            ls->lost--; /* one of the locks past LS_MAX, most likely */
    }
}

const struct ev_tool lockstack_tool = {
    .name = "lockstack",
    .on = lockstack_on,
    .thread_started = started,
    .thread_finished = finished,
    .lock_taken = taken,
    .lock_released = released,
};
