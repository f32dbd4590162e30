/*
 * dump.c - the snapshot of every thread, its thread blocks, and the
 * all-thread dump (crace_dump, dump_signal=). See dump.h.
 *
 * Locking: dump_take copies under the registry lock (thread_for_each) and
 * nothing else; dump_gather and the dump itself run under the report lock
 * (report_call), which keeps the records a snapshot points to alive. The
 * table of waits seen by the watchdog and the table of thread creators
 * have small locks of their own, taken last.
 */
#include "dump.h"
#include "events.h"
#include "options.h"
#include "report.h"
#include "report_gather.h"
#include "report_render.h"
#include "rt_uthash.h"
#include "symbolize.h"
#include "watchdog.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* --- the snapshot --- */

static void snap_grow(struct dump_snapshot *s)
{
    if (s->n < s->cap)
        return;
    s->cap = s->cap ? 2 * s->cap : 64;
    s->t = rt_realloc(s->t, s->cap * sizeof *s->t);
}

/*
 * The thread's wait as one consistent copy: the fields between two reads
 * of the same sequence number (events.h: the thread writes them before the
 * kind, and bumps the sequence at every begin and end).
 */
static void copy_wait(const struct crace_thread *t, struct thread_wait *w)
{
    const struct thread_wait *src = &t->wait;
    uint32_t seq = __atomic_load_n(&src->seq, __ATOMIC_ACQUIRE);
    int kind = __atomic_load_n(&src->kind, __ATOMIC_ACQUIRE);
    w->flags = __atomic_load_n(&src->flags, __ATOMIC_RELAXED);
    w->obj = __atomic_load_n(&src->obj, __ATOMIC_RELAXED);
    w->aux = __atomic_load_n(&src->aux, __ATOMIC_RELAXED);
    w->pc = __atomic_load_n(&src->pc, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    w->seq = __atomic_load_n(&src->seq, __ATOMIC_RELAXED);
    w->kind = w->seq == seq ? kind : EV_WAIT_NONE;
}

/* Innermost first, at most DUMP_FRAMES + 1: the wait's call site, then the
 * shadow stack's call sites. Racy for a running thread, never unsafe: the
 * shadow stack stays mapped while the registry lock is held. */
static void copy_stack(const struct crace_thread *t, struct dump_thread *d)
{
    d->pcs = rt_alloc((DUMP_FRAMES + 1) * sizeof *d->pcs);
    uintptr_t *st = __atomic_load_n(&t->stack, __ATOMIC_RELAXED);
    uint32_t depth = __atomic_load_n(&t->depth, __ATOMIC_RELAXED);
    uint32_t kept = depth < THREAD_STACK_CAP ? depth : THREAD_STACK_CAP;
    d->npcs = 0;
    if (d->wait.kind != EV_WAIT_NONE)
        d->pcs[d->npcs++] = d->wait.pc;
    for (uint32_t i = kept; st && i > 0 && d->npcs < DUMP_FRAMES + 1; i--)
        d->pcs[d->npcs++] = __atomic_load_n(&st[i - 1], __ATOMIC_RELAXED);
}

struct take_arg {
    struct dump_snapshot *s;
    int with_stacks;
};

static void take_one(struct crace_thread *t, void *arg)
{
    struct take_arg *a = arg;
    snap_grow(a->s);
    struct dump_thread *d = &a->s->t[a->s->n++];
    rt_memset(d, 0, sizeof *d);
    d->rec = t;
    d->uid = t->uid;
    d->tid = __atomic_load_n(&t->os_tid, __ATOMIC_RELAXED);
    d->finished = __atomic_load_n(&t->finished, __ATOMIC_ACQUIRE);
    rt_memcpy(d->name, t->name, THREAD_NAME_MAX);
    d->name[THREAD_NAME_MAX - 1] = 0;
    rt_memcpy(&d->held, &t->held, sizeof d->held);
    if (d->held.n > HELD_MAX)
        d->held.n = HELD_MAX;
    if (d->finished)
        return; /* its wait and stack are gone */
    copy_wait(t, &d->wait);
    if (a->with_stacks)
        copy_stack(t, d);
}

/* A join's thread record, if it is one of the snapshot's. */
static void resolve_joins(struct dump_snapshot *s)
{
    for (uint32_t i = 0; i < s->n; i++) {
        struct dump_thread *d = &s->t[i];
        if (d->wait.kind != EV_WAIT_JOIN || !d->wait.aux)
            continue;
        for (uint32_t k = 0; k < s->n; k++) {
            if ((uintptr_t)s->t[k].rec == d->wait.aux) {
                d->joined_known = 1;
                d->joined_uid = s->t[k].uid;
                d->joined_finished = s->t[k].finished;
            }
        }
    }
}

void dump_take(struct dump_snapshot *s, int with_stacks)
{
    struct take_arg a = {s, with_stacks};
    for (uint32_t i = 0; i < s->n; i++) /* a snapshot taken again */
        rt_free(s->t[i].pcs);
    s->n = 0;
    thread_for_each(take_one, &a);
    resolve_joins(s);
}

void dump_free(struct dump_snapshot *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        rt_free(s->t[i].pcs);
    rt_free(s->t);
    s->t = 0;
    s->n = s->cap = 0;
}

int dump_blocked(const struct dump_thread *t)
{
    return !t->finished && t->wait.kind != EV_WAIT_NONE && !(t->wait.flags & EV_TIMED);
}

/* --- who created each thread ("created by thread T1 at:") --- */

/* Keyed by the child's uid; an entry lives as long as the child's record
 * (thread_freed drops it). Guarded by creators_lock, taken after the
 * report and registry locks. */
struct creator {
    uint32_t uid, parent;
    UT_hash_handle hh;
};
static rt_lock creators_lock;
static struct creator *creators;

static void on_thread_created(struct crace_thread *parent, struct crace_thread *child)
{
    struct creator *c = rt_alloc(sizeof *c);
    c->uid = child->uid;
    c->parent = parent->uid;
    rt_lock_acquire(&creators_lock);
    HASH_ADD(hh, creators, uid, sizeof c->uid, c);
    rt_lock_release(&creators_lock);
}

/* The last program thread ends (the others, main included, have): the
 * watchdog must not keep the process alive (watchdog_stop). */
static void on_thread_finished(struct crace_thread *t)
{
    (void)t;
    if (thread_count_running() == 1)
        watchdog_stop();
}

static void on_thread_freed(struct crace_thread *t)
{
    struct creator *c;
    rt_lock_acquire(&creators_lock);
    HASH_FIND(hh, creators, &t->uid, sizeof t->uid, c);
    if (c)
        HASH_DEL(creators, c);
    rt_lock_release(&creators_lock);
    rt_free(c);
}

/* The uid of the thread that created uid into *parent; 0 if unknown. */
static int creator_of(uint32_t uid, uint32_t *parent)
{
    struct creator *c;
    rt_lock_acquire(&creators_lock);
    HASH_FIND(hh, creators, &uid, sizeof uid, c);
    if (c)
        *parent = c->parent;
    rt_lock_release(&creators_lock);
    return c != 0;
}

/* --- how long each wait has lasted --- */

struct seen {
    uint32_t uid, seq;
    uint64_t since_ms;
};
static rt_lock seen_lock;
static struct seen *seen; /* sorted by uid; guarded by seen_lock */
static uint32_t nseen;

static const struct seen *seen_find(const struct seen *tab, uint32_t n, uint32_t uid)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tab[mid].uid < uid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && tab[lo].uid == uid ? &tab[lo] : 0;
}

static int by_uid(const void *a, const void *b)
{
    uint32_t x = ((const struct seen *)a)->uid, y = ((const struct seen *)b)->uid;
    return x < y ? -1 : x > y;
}

void dump_stamp_waits(const struct dump_snapshot *s, uint64_t now_ms)
{
    struct seen *next = rt_alloc((s->n + 1) * sizeof *next);
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        const struct dump_thread *d = &s->t[i];
        if (!d->finished && d->wait.kind != EV_WAIT_NONE)
            next[n++] = (struct seen){d->uid, d->wait.seq, now_ms};
    }
    qsort(next, n, sizeof *next, by_uid);
    rt_lock_acquire(&seen_lock);
    for (uint32_t i = 0; i < n; i++) {
        const struct seen *old = seen_find(seen, nseen, next[i].uid);
        if (old && old->seq == next[i].seq)
            next[i].since_ms = old->since_ms;
    }
    struct seen *prev = seen;
    seen = next;
    nseen = n;
    rt_lock_release(&seen_lock);
    rt_free(prev);
}

int64_t dump_wait_ms(uint32_t uid, uint32_t seq)
{
    int64_t ms = -1;
    uint64_t now = watchdog_now_ms();
    rt_lock_acquire(&seen_lock);
    const struct seen *e = seen_find(seen, nseen, uid);
    if (e && e->seq == seq && now >= e->since_ms)
        ms = (int64_t)(now - e->since_ms);
    rt_lock_release(&seen_lock);
    return ms;
}

void dump_after_fork(void)
{
    creators_lock.locked = 0; /* held by no thread of the child's: the forking one is in fork */
    seen_lock.locked = 0;
    seen = 0; /* the parent's table: leaked in the child, never freed twice */
    nseen = 0;
}

/* --- the blocking call's name --- */

/*
 * Copy n bytes at src, 0 if they are not all readable: never faults
 * (process_vm_readv on ourselves). Where that call is refused (a seccomp
 * policy), only bytes known to be mapped are read: from `mapped_from` on,
 * within one function's code (0: none known).
 */
static int safe_read(void *dst, uintptr_t src, size_t n, uintptr_t mapped_from)
{
    struct iovec local = {dst, n}, remote = {(void *)src, n};
    long got = syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0);
    if (got == (long)n)
        return 1;
    if (got >= 0 || errno == EFAULT || !mapped_from || src < mapped_from)
        return 0;
    rt_memcpy(dst, (const void *)src, n);
    return 1;
}

/*
 * Where the call that returns to pc went: a direct call (E8 rel32), and
 * through a PLT entry (jmp *GOT, optionally after endbr64 / with a bnd
 * prefix) to the function the GOT names. 0 when unknown.
 */
static uintptr_t call_target(uintptr_t pc)
{
    unsigned char c[5];
    int32_t rel;
    struct sym_frame f;
    sym_pc(pc - 1, &f, 1); /* the calling function: [func_start, pc) is its code */
    if (!safe_read(c, pc - 5, 5, f.func_start) || c[0] != 0xE8)
        return 0;
    rt_memcpy(&rel, c + 1, 4);
    uintptr_t target = pc + (uintptr_t)(intptr_t)rel;
    unsigned char p[11];
    if (!safe_read(p, target, sizeof p, 0))
        return target;
    unsigned at = 0;
    if (p[0] == 0xF3 && p[1] == 0x0F && p[2] == 0x1E && p[3] == 0xFA)
        at = 4; /* endbr64 */
    if (p[at] == 0xF2)
        at++; /* bnd */
    if (p[at] != 0xFF || p[at + 1] != 0x25)
        return target;
    rt_memcpy(&rel, p + at + 2, 4);
    uintptr_t slot = target + at + 6 + (uintptr_t)(intptr_t)rel, fn;
    return safe_read(&fn, slot, sizeof fn, 0) ? fn : target;
}

/* The functions a wait of each kind may come from (events.h). */
static const char *const wait_calls[] = {
    "pthread_mutex_lock",
    "pthread_mutex_timedlock",
    "pthread_mutex_clocklock",
    "mtx_lock",
    "mtx_timedlock",
    "flockfile",
    "pthread_rwlock_rdlock",
    "pthread_rwlock_timedrdlock",
    "pthread_rwlock_clockrdlock",
    "pthread_rwlock_wrlock",
    "pthread_rwlock_timedwrlock",
    "pthread_rwlock_clockwrlock",
    "pthread_spin_lock",
    "pthread_cond_wait",
    "pthread_cond_timedwait",
    "pthread_cond_clockwait",
    "cnd_wait",
    "cnd_timedwait",
    "pthread_join",
    "pthread_timedjoin_np",
    "pthread_clockjoin_np",
    "thrd_join",
    "sem_wait",
    "sem_timedwait",
    "sem_clockwait",
    "pthread_barrier_wait",
    "pthread_once",
    "call_once",
};

/* "pthread_mutex_lock" for a wait whose call site is pc, or NULL when the
 * call cannot be decoded to one of wait_calls (a call through a pointer,
 * a tail call from a wrapper). Report lock held (symbolizer). */
static const char *call_name(uintptr_t pc)
{
    uintptr_t target = pc ? call_target(pc) : 0;
    struct sym_frame f;
    if (!target || sym_pc(target, &f, 1) < 1 || !f.function)
        return 0;
    for (size_t i = 0; i < sizeof wait_calls / sizeof wait_calls[0]; i++)
        if (!strcmp(f.function, wait_calls[i]))
            return wait_calls[i];
    return 0;
}

/* --- thread blocks --- */

/* Numbers for the locks (M) and conditions (C) a report names. */
struct ids {
    uint32_t n, cap;
    uintptr_t *addr;
};

static uint32_t id_of(struct ids *ids, uintptr_t addr)
{
    for (uint32_t i = 0; i < ids->n; i++)
        if (ids->addr[i] == addr)
            return i + 1;
    if (ids->n == ids->cap) {
        ids->cap = ids->cap ? 2 * ids->cap : 16;
        ids->addr = rt_realloc(ids->addr, ids->cap * sizeof *ids->addr);
    }
    ids->addr[ids->n++] = addr;
    return ids->n;
}

static int is_lock_wait(int kind)
{
    return kind == EV_WAIT_MUTEX || kind == EV_WAIT_RDLOCK || kind == EV_WAIT_WRLOCK ||
           kind == EV_WAIT_SPIN;
}

static enum report_wait_kind model_kind(int kind)
{
    switch (kind) {
    case EV_WAIT_MUTEX:
        return REPORT_WAIT_MUTEX;
    case EV_WAIT_RDLOCK:
        return REPORT_WAIT_RDLOCK;
    case EV_WAIT_WRLOCK:
        return REPORT_WAIT_WRLOCK;
    case EV_WAIT_SPIN:
        return REPORT_WAIT_SPIN;
    case EV_WAIT_COND:
        return REPORT_WAIT_COND;
    case EV_WAIT_JOIN:
        return REPORT_WAIT_JOIN;
    case EV_WAIT_SEM:
        return REPORT_WAIT_SEM;
    case EV_WAIT_BARRIER:
        return REPORT_WAIT_BARRIER;
    case EV_WAIT_ONCE:
        return REPORT_WAIT_ONCE;
    default:
        return REPORT_WAIT_RUNNING;
    }
}

/* Is holder entry e (a held_set entry) in the way of a wait of this kind? */
static int conflicts(int kind, uintptr_t e)
{
    return kind != EV_WAIT_RDLOCK || !(e & HELD_READ);
}

/* Who holds the lock d waits for, among every record of the snapshot. */
static void gather_holders(struct crace_report *r, const struct dump_snapshot *s,
                           const struct dump_thread *d, struct report_wait *w)
{
    w->holders = report_model_alloc(r, s->n * sizeof *w->holders);
    for (uint32_t i = 0; i < s->n; i++) {
        const struct dump_thread *h = &s->t[i];
        for (uint32_t k = 0; k < h->held.n; k++) {
            uintptr_t e = h->held.e[k];
            if ((e & ~HELD_READ) != d->wait.obj || !conflicts(d->wait.kind, e))
                continue;
            struct report_holder *out = &w->holders[w->nholders++];
            report_thread_ref(r, &out->ref, h->rec);
            out->finished = h->finished;
            out->read = (e & HELD_READ) != 0;
            break; /* a recursive lock's levels: once */
        }
    }
}

static void gather_wait(struct crace_report *r, const struct dump_snapshot *s,
                        const struct dump_thread *d, struct ids *mids, struct ids *cids,
                        struct report_wait *w)
{
    w->kind = model_kind(d->wait.kind);
    w->ms = -1;
    if (w->kind == REPORT_WAIT_RUNNING)
        return;
    w->call = call_name(d->wait.pc);
    w->addr = d->wait.obj;
    w->timed = (d->wait.flags & EV_TIMED) != 0;
    w->ms = dump_wait_ms(d->uid, d->wait.seq);
    if (is_lock_wait(d->wait.kind)) {
        w->mutex_id = id_of(mids, d->wait.obj);
        gather_holders(r, s, d, w);
    } else if (d->wait.kind == EV_WAIT_COND) {
        w->cond_id = id_of(cids, d->wait.obj);
        w->mutex_addr = d->wait.aux;
        w->mutex_id = id_of(mids, d->wait.aux);
    } else if (d->wait.kind == EV_WAIT_JOIN && d->joined_known) {
        w->joined.known = 1;
        w->joined.uid = d->joined_uid;
        for (uint32_t i = 0; i < s->n; i++)
            if (s->t[i].uid == d->joined_uid)
                report_thread_ref(r, &w->joined, s->t[i].rec);
    }
}

/* Is entry i of h a repeat of an earlier one (a recursive lock's levels)? */
static int held_repeat(const struct held_set *h, uint32_t i)
{
    for (uint32_t k = 0; k < i; k++)
        if (h->e[k] == h->e[i])
            return 1;
    return 0;
}

static void gather_held(struct crace_report *r, const struct held_set *h, struct ids *mids,
                        struct report_thread_block *b)
{
    b->held = report_model_alloc(r, (h->n + 1) * sizeof *b->held);
    for (uint32_t i = 0; i < h->n; i++) {
        if (held_repeat(h, i))
            continue;
        uintptr_t addr = h->e[i] & ~HELD_READ;
        b->held[b->nheld++] =
            (struct report_held){id_of(mids, addr), addr, (h->e[i] & HELD_READ) != 0};
    }
}

/* Threads alike share a block: same wait, same stack, same locks. */
static int alike(const struct dump_thread *a, const struct dump_thread *b)
{
    if (a->wait.kind != b->wait.kind || a->npcs != b->npcs || a->held.n != b->held.n)
        return 0;
    if (a->wait.kind != EV_WAIT_NONE && (a->wait.obj != b->wait.obj || a->wait.aux != b->wait.aux ||
                                         (a->wait.flags & EV_TIMED) != (b->wait.flags & EV_TIMED)))
        return 0;
    for (uint32_t i = 0; i < a->npcs; i++)
        if (a->pcs[i] != b->pcs[i])
            return 0;
    for (uint32_t i = 0; i < a->held.n; i++)
        if (a->held.e[i] != b->held.e[i])
            return 0;
    return 1;
}

static int is_self(const struct dump_select *sel, const struct dump_thread *d)
{
    return sel->has_self && d->uid == sel->self_uid;
}

static void gather_stack_of(struct crace_report *r, const struct dump_select *sel,
                            const struct dump_thread *d, struct report_stack *out)
{
    uintptr_t pcs[DUMP_FRAMES + 2];
    uint32_t n = 0;
    if (is_self(sel, d))
        pcs[n++] = sel->self_pc;
    for (uint32_t i = 0; i < d->npcs && n < DUMP_FRAMES + 2; i++)
        pcs[n++] = d->pcs[i];
    report_gather_stack(r, out, pcs, n, sel->kind, sel->suppressed);
}

static void gather_block(struct crace_report *r, const struct dump_snapshot *s,
                         const struct dump_select *sel, const struct dump_thread *d, uint32_t nlike,
                         struct ids *mids, struct ids *cids)
{
    struct report_thread_block *b = &r->blocks[r->nblocks++];
    report_thread_ref(r, &b->ref, d->rec);
    gather_wait(r, s, d, mids, cids, &b->wait);
    if (is_self(sel, d))
        b->wait.note = sel->self_note;
    gather_stack_of(r, sel, d, &b->stack);
    b->partial = d->wait.kind == EV_WAIT_NONE && !is_self(sel, d);
    gather_held(r, &d->held, mids, b);
    const struct crace_thread *rec = d->rec;
    report_gather_stack(r, &b->created_at, rec->create_stack, rec->create_depth, sel->kind, 0);
    uint32_t parent;
    if (b->created_at.npcs && creator_of(d->uid, &parent)) {
        b->creator.known = 1;
        b->creator.uid = parent;
        for (uint32_t i = 0; i < s->n; i++)
            if (s->t[i].uid == parent)
                report_thread_ref(r, &b->creator, s->t[i].rec);
    }
    b->like = report_model_alloc(r, (nlike + 1) * sizeof *b->like);
}

/* The creation blocks: each thread shown, and each finished lock holder. */
static void gather_threads(struct crace_report *r, const struct dump_snapshot *s)
{
    r->threads = report_model_alloc(r, (s->n + 1) * sizeof *r->threads);
    for (uint32_t i = s->n; i-- > 0;) { /* oldest first */
        const struct dump_thread *d = &s->t[i];
        int shown = 0;
        for (uint32_t b = 0; b < r->nblocks && !shown; b++) {
            shown = r->blocks[b].ref.uid == d->uid;
            for (uint32_t k = 0; k < r->blocks[b].wait.nholders && !shown; k++)
                shown = r->blocks[b].wait.holders[k].finished &&
                        r->blocks[b].wait.holders[k].ref.uid == d->uid;
        }
        if (shown && d->uid != 0)
            report_gather_thread(r, d->rec);
    }
}

/* Which block each selected thread goes to (sel->group: the first thread
 * alike); returns the number of blocks. */
static uint32_t assign_blocks(const struct dump_snapshot *s, const struct dump_select *sel,
                              uint32_t *block_of, uint32_t *first, uint32_t *count)
{
    uint32_t nb = 0;
    for (uint32_t i = 0; i < sel->n; i++) {
        const struct dump_thread *d = &s->t[sel->idx[i]];
        uint32_t b = 0;
        if (sel->group && !is_self(sel, d))
            while (b < nb && (is_self(sel, &s->t[sel->idx[first[b]]]) ||
                              !alike(&s->t[sel->idx[first[b]]], d)))
                b++;
        else
            b = nb;
        if (b == nb) {
            first[nb] = i;
            count[nb++] = 0;
        } else {
            count[b]++;
        }
        block_of[i] = b;
    }
    return nb;
}

void dump_gather(struct crace_report *r, const struct dump_snapshot *s,
                 const struct dump_select *sel)
{
    struct ids mids = {0}, cids = {0};
    uint32_t *block_of = rt_alloc(3 * (sel->n + 1) * sizeof *block_of);
    uint32_t *first = block_of + sel->n + 1, *count = first + sel->n + 1;
    uint32_t nb = assign_blocks(s, sel, block_of, first, count);
    r->blocks = report_model_alloc(r, (nb + 1) * sizeof *r->blocks);
    for (uint32_t b = 0; b < nb; b++)
        gather_block(r, s, sel, &s->t[sel->idx[first[b]]], count[b], &mids, &cids);
    for (uint32_t i = 0; i < sel->n; i++)
        if (first[block_of[i]] != i) {
            struct report_thread_block *b = &r->blocks[block_of[i]];
            b->like[b->nlike++] = s->t[sel->idx[i]].uid;
        }
    rt_free(block_of);
    r->nmutexes = mids.n;
    r->mutexes = report_model_alloc(r, (mids.n + 1) * sizeof *r->mutexes);
    for (uint32_t i = 0; i < mids.n; i++) {
        r->mutexes[i].id = i + 1;
        r->mutexes[i].addr = mids.addr[i];
        if (sel->origins)
            report_gather_mutex(r, &r->mutexes[i]);
    }
    if (sel->origins)
        gather_threads(r, s);
    rt_free(mids.addr);
    rt_free(cids.addr);
}

uint32_t dump_mutex_id(const struct crace_report *r, uintptr_t addr)
{
    for (uint32_t i = 0; i < r->nmutexes; i++)
        if (r->mutexes[i].addr == addr)
            return r->mutexes[i].id;
    return 0;
}

/* --- the dump --- */

/* Live threads, main first, then by thread number. */
static uint32_t live_in_order(const struct dump_snapshot *s, uint32_t *idx)
{
    uint32_t n = 0;
    for (uint32_t i = s->n; i > 0; i--) /* the snapshot is newest first */
        if (!s->t[i - 1].finished)
            idx[n++] = i - 1;
    for (uint32_t i = 1; i < n; i++) /* insertion sort by uid: nearly sorted */
        for (uint32_t k = i; k > 0 && s->t[idx[k - 1]].uid > s->t[idx[k]].uid; k--) {
            uint32_t x = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = x;
        }
    return n;
}

struct dump_job {
    uintptr_t pc;
    struct crace_thread *self;
};

static void render_dump(struct report_out *o, const struct crace_report *r, uint32_t nthreads)
{
    if (opt_report_json) {
        out_printf(o, "{\"type\":\"thread_dump\",\"pid\":%d,\"threads\":[", (int)getpid());
        for (uint32_t i = 0; i < r->nblocks; i++) {
            if (i)
                out_printf(o, ",");
            render_json_thread_block(o, &r->blocks[i]);
        }
        out_printf(o, "]}\n");
        return;
    }
    out_printf(o, "==================\ncrace: thread dump, %u thread%s (pid %d)\n", nthreads,
               nthreads == 1 ? "" : "s", (int)getpid());
    for (uint32_t i = 0; i < r->nblocks; i++) {
        out_printf(o, "\n");
        render_text_thread_block(o, &r->blocks[i], 1);
    }
    out_printf(o, "==================\n");
}

static void dump_job(void *arg)
{
    const struct dump_job *job = arg;
    struct dump_snapshot s = {0};
    dump_take(&s, 1);
    uint32_t *idx = rt_alloc((s.n + 1) * sizeof *idx);
    uint32_t n = live_in_order(&s, idx);
    struct dump_select sel = {.idx = idx, .n = n, .group = 1};
    if (job->self) {
        sel.has_self = 1;
        sel.self_uid = job->self->uid;
        sel.self_pc = job->pc;
        sel.self_note = "in crace_dump";
    }
    struct crace_report r = {0};
    dump_gather(&r, &s, &sel);
    struct report_out o = {0};
    render_dump(&o, &r, n);
    report_write(o.buf, o.len);
    out_free(&o);
    report_model_free(&r);
    rt_free(idx);
    dump_free(&s);
}

void dump_all(void)
{
    struct dump_job job = {0, 0};
    report_call(0, dump_job, &job); /* on the watchdog: no program thread */
}

RT_EXPORT void crace_dump(void)
{
    if (!rt_initialized)
        return;
    struct dump_job job = {RT_CALLER_PC(), thread_current()};
    report_call(job.self, dump_job, &job);
}

/* --- dump_signal --- */

/* Async-signal-safe: it only asks the watchdog, which prints the dump. */
static void on_dump_signal(int sig)
{
    (void)sig;
    watchdog_request_dump();
}

/* The real sigaction, resolved at start-up (not from the watchdog: dlsym
 * takes the loader's lock, which a stuck thread may hold). */
static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);

int dump_signal_handled(void)
{
    struct sigaction now;
    return opt_dump_signal && real_sigaction(opt_dump_signal, 0, &now) == 0 &&
           !(now.sa_flags & SA_SIGINFO) && now.sa_handler == on_dump_signal;
}

static int dump_on(void)
{
    return 1;
}

static void dump_init(void)
{
    if (!opt_dump_signal)
        return;
    real_sigaction =
        (int (*)(int, const struct sigaction *, struct sigaction *))rt_real("sigaction");
    struct sigaction sa;
    rt_memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_dump_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (real_sigaction(opt_dump_signal, &sa, 0) != 0)
        rt_die("dump_signal: cannot install a handler for signal %d", opt_dump_signal);
    watchdog_start();
}

const struct ev_tool dump_tool = {
    .name = "dump",
    .on = dump_on,
    .init = dump_init,
    .thread_created = on_thread_created,
    .thread_finished = on_thread_finished,
    .thread_freed = on_thread_freed,
};
