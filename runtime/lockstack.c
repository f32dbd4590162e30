/*
 * lockstack.c - the locks each thread holds and where it took them
 * (lockstack.h).
 *
 * Per acquisition: the thread's record by its slot (an array index), and
 * one entry written at the top: the lock, how it was taken, and up to
 * LS_STACK frames of the shadow stack (a copy: by the time a report wants
 * the stack of a lock taken in a helper function that returned, the shadow
 * stack has moved on). A release drops the newest entry of its lock.
 * No lock, no allocation after a slot's first lock.
 */
#include "lockstack.h"

struct ls_thread *lockstack_by_slot[CELL_MAX_SLOTS];
static uint32_t nslots_seen; /* slots below this may have a record */

/* t's record, made at its slot's first lock. */
static RT_NOINLINE struct ls_thread *record_make(struct crace_thread *t)
{
    struct ls_thread *ls = rt_alloc(sizeof *ls);
    ls->t = t;
    ls->uid = t->uid;
    __atomic_store_n(&lockstack_by_slot[t->slot], ls, __ATOMIC_RELEASE);
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
        struct ls_thread *ls = __atomic_load_n(&lockstack_by_slot[s], __ATOMIC_ACQUIRE);
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

void lockstack_started(struct crace_thread *t)
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

void lockstack_finished(struct crace_thread *t)
{
    struct ls_thread *ls = lockstack_of(t);
    if (ls)
        __atomic_store_n(&ls->finished, 1, __ATOMIC_RELEASE);
}

/* The record of a thread that has none yet, or of a slot an earlier
 * thread used (its start was missed). */
static RT_NOINLINE struct ls_thread *record_of(struct crace_thread *t)
{
    struct ls_thread *ls = lockstack_of(t);
    if (!ls)
        return record_make(t);
    lockstack_started(t);
    return ls;
}

void lockstack_push(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    struct ls_thread *ls = lockstack_of(t);
    if (unlikely(!ls || ls->t != t))
        ls = record_of(t);
    if (ls->n == LS_MAX) {
        ls->lost++;
        return;
    }
    struct ls_entry *e = &ls->e[ls->n];
    e->addr = addr;
    e->flags = flags & (EV_READ | EV_TRY);
    e->node = 0;
    e->depth = thread_stack_copy(t, pc, e->stack, LS_STACK);
    __atomic_store_n(&ls->n, ls->n + 1, __ATOMIC_RELEASE);
}

int lockstack_pop_slow(struct crace_thread *t, uintptr_t addr)
{
    if (lockstack_drop(t, addr))
        return 1;
    struct ls_thread *ls = lockstack_of(t);
    if (!ls || !ls->lost)
        return 0;
    ls->lost--; /* one of the locks past LS_MAX, most likely */
    return 1;
}
