/*
 * lockcheck.c - lock misuse and thread leaks (lockcheck.h).
 *
 * Who holds what comes from lockstack.h, checked on the lock events
 * before lockstack records them. A thread's own entries are exact; another
 * thread's are read as they are, only when the caller does not hold the
 * lock it unlocks or destroys (then a report is due either way, and the
 * holder only decides which one).
 *
 * An unlock by a thread that does not own the lock, of a lock that really
 * unlocks (a normal mutex, a spinlock...), leaves the owner's lockstack
 * saying it still holds it. Such a lock is listed as "stolen" from its
 * owner; the owner's next lock event drops the stale entry (no edge from
 * it, no double lock on retaking it).
 *
 * Locking: check_lock guards the stolen list, the condition variables
 * being waited on and the ring of recent destroys. Reports are made after
 * it is released.
 */
#include "lockcheck.h"
#include "lockstack.h"
#include "options.h"
#include "report.h"
#include "report_tools.h"
#include "rt_uthash.h"

#include <sys/syscall.h>
#include <unistd.h>

#define STACK_MAX 64      /* frames of the misusing call kept */
#define DESTROYS_KEPT 256 /* recent destroys remembered, for "destroyed here" */

static rt_lock check_lock;

/* What a report says, gathered on the misusing thread. */
struct misuse {
    int what, timed;
    uintptr_t addr;  /* the lock */
    uintptr_t cond;  /* MISUSE_COND_TWO_MUTEXES: the condition variable, */
    uintptr_t other; /* and the other waiter's mutex */
    struct kept_thread self;
    uint32_t depth;
    uintptr_t stack[STACK_MAX];
    int role2; /* -1: no second site */
    struct kept_thread thr2;
    uint32_t depth2;
    uintptr_t stack2[LS_STACK];
    int emitted;
};

static struct misuse *misuse_new(struct crace_thread *t, int what, uintptr_t addr, uintptr_t pc)
{
    struct misuse *m = rt_alloc(sizeof *m);
    m->what = what;
    m->addr = addr;
    m->role2 = -1;
    kept_thread_fill(&m->self, t);
    m->depth = thread_stack_copy(t, pc, m->stack, STACK_MAX);
    return m;
}

/* The second site: where another thread (or t itself) took the lock. */
static void misuse_holder(struct misuse *m, int role, const struct ls_thread *ls,
                          const struct ls_entry *e)
{
    m->role2 = role;
    if (!__atomic_load_n(&ls->finished, __ATOMIC_ACQUIRE))
        kept_thread_fill(&m->thr2, ls->t);
    else
        m->thr2.uid = ls->uid; /* a dead owner: its record may be gone */
    m->depth2 = e->depth < LS_STACK ? e->depth : LS_STACK;
    rt_memcpy(m->stack2, e->stack, m->depth2 * sizeof m->stack2[0]);
}

static void misuse_job(void *arg)
{
    struct misuse *m = arg;
    if (report_once(REPORT_LOCK_MISUSE, report_location_key(m->stack[0]) ^ (uintptr_t)m->what,
                    m->role2 >= 0 ? report_location_key(m->stack2[0]) : 0))
        return;
    struct crace_report r = {0};
    int suppressed = 0;
    report_tools_begin(&r, REPORT_LOCK_MISUSE, 2, 2, 2);
    r.tools->what = m->what;
    r.tools->timed = m->timed;
    r.tools->cond = m->cond;
    struct report_site *s = report_tools_site(&r, SITE_CALL, m->stack, m->depth, &suppressed);
    s->mutex = report_tools_mutex(&r, m->addr);
    if (m->other)
        s->other = report_tools_mutex(&r, m->other);
    report_kept_thread_ref(&r, &s->thread, &m->self);
    report_tools_thread(&r, &m->self);
    if (m->role2 >= 0) {
        s = report_tools_site(&r, m->role2, m->stack2, m->depth2, &suppressed);
        s->mutex = report_tools_mutex(&r, m->role2 == SITE_OTHER_WAIT ? m->other : m->addr);
        report_kept_thread_ref(&r, &s->thread, &m->thr2);
        if (m->thr2.rec)
            report_tools_thread(&r, &m->thr2);
    }
    report_tools_end(&r);
    report_print(&r, suppressed);
    m->emitted = !suppressed;
    report_model_free(&r);
}

static void report_misuse(struct crace_thread *t, struct misuse *m)
{
    report_call(t, misuse_job, m);
    rt_free(m);
}

/* ---- stolen locks ---- */

struct stolen {
    uintptr_t addr;
    uint32_t owner; /* uid of the thread whose lockstack is stale */
    struct stolen *next;
};
static struct stolen *stolen_list; /* guarded by check_lock */
int lockcheck_nstolen;             /* read without the lock: 0 is the usual case */

static void steal(uintptr_t addr, uint32_t owner)
{
    struct stolen *s = rt_alloc(sizeof *s);
    s->addr = addr;
    s->owner = owner;
    rt_lock_acquire(&check_lock);
    s->next = stolen_list;
    stolen_list = s;
    __atomic_store_n(&lockcheck_nstolen, lockcheck_nstolen + 1, __ATOMIC_RELAXED);
    rt_lock_release(&check_lock);
}

/* t's stale entries go (all of them, or only addr's when addr != 0); 1 if
 * addr's was one. */
static int unsteal(struct crace_thread *t, uintptr_t addr)
{
    if (likely(!__atomic_load_n(&lockcheck_nstolen, __ATOMIC_RELAXED)))
        return 0;
    return lockcheck_unsteal(t, addr);
}

int lockcheck_unsteal(struct crace_thread *t, uintptr_t addr)
{
    int found = 0;
    rt_lock_acquire(&check_lock);
    for (struct stolen **p = &stolen_list; *p;) {
        struct stolen *s = *p;
        if (s->owner != t->uid || (addr && s->addr != addr)) {
            p = &s->next;
            continue;
        }
        found |= s->addr == addr;
        lockstack_drop(t, s->addr);
        *p = s->next;
        lockcheck_nstolen--;
        rt_free(s);
    }
    rt_lock_release(&check_lock);
    return found;
}

/* ---- unlocks ---- */

/* t unlocks addr, which its lockstack does not list: which report. */
void lockcheck_unheld(struct crace_thread *t, uintptr_t addr, uintptr_t pc, int released)
{
    struct ls_thread *own = lockstack_of(t);
    if (own && own->lost)
        return; /* perhaps one of the locks past what is kept */
    struct ls_entry e;
    struct ls_thread *holder = lockstack_holder(addr, t, &e);
    if (!opt_report_mutex_bugs) {
        /* no report, but the holder's entry is stale all the same: lock
         * order must not take it for a lock still held */
        if (holder && released && !(e.flags & EV_READ))
            steal(addr, holder->uid);
        return;
    }
    struct misuse *m =
        misuse_new(t, holder ? MISUSE_UNLOCK_NOT_OWNER : MISUSE_UNLOCK_UNLOCKED, addr, pc);
    if (holder) {
        misuse_holder(m, SITE_OWNER_ACQUIRED, holder, &e);
        if (released && !(e.flags & EV_READ))
            steal(addr, holder->uid);
    }
    report_misuse(t, m);
}

/* An owner-checking mutex refused the unlock: reported unless it is an
 * error-checking one (the program asked for EPERM). */
void lockcheck_unlock_refused(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    if (!(flags & EV_ERRORCHECK))
        lockcheck_unheld(t, addr, pc, 0);
}

/* ---- double locks ---- */

/* Would t's call (its wait, t->wait) on a lock it holds never return? */
static int relock_hangs(const struct crace_thread *t, const struct ls_entry *e)
{
    switch (t->wait.kind) {
    case EV_WAIT_MUTEX:
        return !(t->wait.flags & (EV_RECURSIVE | EV_ERRORCHECK));
    case EV_WAIT_SPIN:
        return 1;
    case EV_WAIT_WRLOCK: /* held for writing: glibc returns EDEADLK */
        return (e->flags & EV_READ) != 0;
    default: /* a read lock: shared again, or EDEADLK when held for writing */
        return 0;
    }
}

static void double_lock(struct crace_thread *t)
{
    uintptr_t addr = t->wait.obj;
    struct ls_entry *e = lockstack_find(t, addr);
    if (!e || !relock_hangs(t, e) || unsteal(t, addr))
        return;
    struct misuse *m = misuse_new(t, MISUSE_DOUBLE_LOCK, addr, t->wait.pc);
    m->timed = (t->wait.flags & EV_TIMED) != 0;
    struct ls_thread *own = lockstack_of(t);
    misuse_holder(m, SITE_HELD_SINCE, own, e);
    int ends = !m->timed && opt_deadlock == DEADLOCK_EXIT; /* deadlock= as for a deadlock */
    report_call(t, misuse_job, m);
    int emitted = m->emitted;
    rt_free(m);
    if (ends && emitted) {
        /* The call never returns: end the run as a deadlock would. */
        report_summary();
        _exit(opt_exitcode);
    }
}

/* ---- condition variables ---- */

/* A condition variable being waited on, with the mutex of its waiters. */
struct cond_wait {
    uintptr_t cond, mutex;
    uint32_t waiters;
    struct kept_thread first; /* the first waiter with that mutex */
    uint32_t depth;
    uintptr_t stack[LS_STACK];
    UT_hash_handle hh;
};
static struct cond_wait *conds;     /* waited on now; guarded by check_lock */
static struct cond_wait *cond_free; /* spare records (linked through hh.next) */

static struct cond_wait *cond_record(uintptr_t cond)
{
    struct cond_wait *c = cond_free;
    if (c)
        cond_free = c->hh.next;
    else
        c = rt_alloc(sizeof *c);
    rt_memset(c, 0, sizeof *c);
    c->cond = cond;
    HASH_ADD(hh, conds, cond, sizeof c->cond, c);
    return c;
}

static void cond_wait_begin(struct crace_thread *t)
{
    uintptr_t cond = t->wait.obj, mutex = t->wait.aux;
    struct misuse *m = 0;
    rt_lock_acquire(&check_lock);
    struct cond_wait *c;
    HASH_FIND(hh, conds, &cond, sizeof cond, c);
    if (!c) {
        c = cond_record(cond);
        c->mutex = mutex;
        kept_thread_fill(&c->first, t);
        c->depth = thread_stack_copy(t, t->wait.pc, c->stack, LS_STACK);
    }
    if (c->mutex == mutex) {
        c->waiters++;
    } else {
        m = rt_alloc(sizeof *m);
        m->what = MISUSE_COND_TWO_MUTEXES;
        m->addr = mutex;
        m->cond = cond;
        m->other = c->mutex;
        m->role2 = SITE_OTHER_WAIT;
        m->thr2 = c->first;
        m->depth2 = c->depth;
        rt_memcpy(m->stack2, c->stack, c->depth * sizeof c->stack[0]);
    }
    rt_lock_release(&check_lock);
    if (m) {
        kept_thread_fill(&m->self, t);
        m->depth = thread_stack_copy(t, t->wait.pc, m->stack, STACK_MAX);
        report_misuse(t, m);
    }
}

static void cond_wait_end(struct crace_thread *t)
{
    uintptr_t cond = t->wait.obj;
    rt_lock_acquire(&check_lock);
    struct cond_wait *c;
    HASH_FIND(hh, conds, &cond, sizeof cond, c);
    if (c && c->mutex == t->wait.aux && --c->waiters == 0) {
        HASH_DEL(conds, c);
        c->hh.next = cond_free;
        cond_free = c;
    }
    rt_lock_release(&check_lock);
}

void lockcheck_wait_begin(struct crace_thread *t)
{
    unsteal(t, 0);
    if (t->wait.kind == EV_WAIT_COND)
        cond_wait_begin(t);
    else
        double_lock(t);
}

void lockcheck_wait_end(struct crace_thread *t)
{
    cond_wait_end(t);
}

/* ---- destroys ---- */

/* Recent destroys, newest last, for "Mutex M1 destroyed by ... here". */
struct destroy {
    uintptr_t addr;
    struct kept_thread thr;
    uint32_t depth;
    uintptr_t stack[LS_STACK];
};
static struct destroy *destroys; /* DESTROYS_KEPT of them; guarded by check_lock */
static uint32_t ndestroys;

void lockcheck_destroy(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    struct ls_entry copy;
    struct ls_entry *e = lockstack_find(t, addr);
    struct ls_thread *holder = e ? lockstack_of(t) : lockstack_holder(addr, t, &copy);
    if (holder) {
        struct misuse *m = misuse_new(t, MISUSE_DESTROY_LOCKED, addr, pc);
        misuse_holder(m, SITE_OWNER_ACQUIRED, holder, e ? e : &copy);
        report_misuse(t, m);
    }
    rt_lock_acquire(&check_lock);
    if (!destroys)
        destroys = rt_alloc(DESTROYS_KEPT * sizeof *destroys);
    struct destroy *d = &destroys[ndestroys++ % DESTROYS_KEPT];
    d->addr = addr;
    kept_thread_fill(&d->thr, t);
    d->depth = thread_stack_copy(t, pc, d->stack, LS_STACK);
    rt_lock_release(&check_lock);
}

void lockcheck_invalid(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    struct misuse *m = misuse_new(t, MISUSE_USE_DESTROYED, addr, pc);
    rt_lock_acquire(&check_lock);
    uint32_t kept = ndestroys < DESTROYS_KEPT ? ndestroys : DESTROYS_KEPT;
    for (uint32_t i = 0; i < kept; i++) {
        const struct destroy *d = &destroys[(ndestroys - 1 - i) % DESTROYS_KEPT];
        if (d->addr == addr) {
            m->role2 = SITE_DESTROYED;
            m->thr2 = d->thr;
            m->depth2 = d->depth;
            rt_memcpy(m->stack2, d->stack, d->depth * sizeof d->stack[0]);
            break;
        }
    }
    rt_lock_release(&check_lock);
    report_misuse(t, m);
}

/* ---- thread leaks ---- */

/* Finished, joinable and never joined: pthread_create'd (not a thread that
 * announced itself, nor a raw clone child, which nobody joins). */
static int leaked(const struct crace_thread *t)
{
    return t->uid != 0 && t->finished && !t->joined && !t->detached && !t->spawning &&
           t->create_depth > 0 && t->pth != 0;
}

struct leaks {
    uint32_t n, cap;
    struct crace_thread **t;
    pid_t exiting; /* the thread calling exit: it ends the process, it leaks nothing */
};

static void collect_leak(struct crace_thread *t, void *arg)
{
    struct leaks *l = arg;
    if (!leaked(t) || t->os_tid == l->exiting)
        return;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->t = rt_realloc(l->t, l->cap * sizeof *l->t);
    }
    l->t[l->n++] = t;
}

/* Where a thread was created, for grouping: each frame's source line (its
 * pc without line information), so that an unrolled loop's creations are
 * one place. Report lock held (symbolization). */
static uintptr_t creation_place(const struct crace_thread *t)
{
    uintptr_t h = t->create_depth;
    for (uint32_t i = 0; i < t->create_depth; i++)
        h = (h ^ report_location_key(t->create_stack[i])) * 0x100000001b3ull;
    return h;
}

/* The leaked threads of one place, oldest first: one report naming them
 * all, with the first one's creation stack. */
static void report_group(struct crace_thread **group, uint32_t n)
{
    struct crace_report r = {0};
    int suppressed = 0;
    report_tools_begin(&r, REPORT_THREAD_LEAK, 0, 0, 1);
    r.tools->leaked = report_model_alloc(&r, n * sizeof *r.tools->leaked);
    for (uint32_t i = 0; i < n; i++)
        r.tools->leaked[r.tools->nleaked++] = group[i]->uid;
    struct report_thread *d = &r.threads[r.nthreads++];
    report_thread_ref(&r, &d->ref, group[0]);
    d->finished = 1;
    report_gather_stack(&r, &d->created_at, group[0]->create_stack, group[0]->create_depth,
                        REPORT_THREAD_LEAK, &suppressed);
    report_print(&r, suppressed);
    report_model_free(&r);
}

/* All leaks (l), grouped by place of creation; on the report stack.
 * Records of threads nobody joined or detached are never freed. */
static void leaks_job(void *arg)
{
    struct leaks *l = arg;
    uintptr_t *place = rt_alloc((l->n + 1) * sizeof *place);
    struct crace_thread **group = rt_alloc((l->n + 1) * sizeof *group);
    for (uint32_t i = 0; i < l->n; i++)
        place[i] = creation_place(l->t[i]);
    for (uint32_t i = 0; i < l->n; i++) {
        if (!l->t[i])
            continue;
        uint32_t n = 0;
        for (uint32_t k = i; k < l->n; k++) {
            if (l->t[k] && place[k] == place[i]) {
                group[n++] = l->t[k];
                if (k != i)
                    l->t[k] = 0;
            }
        }
        report_group(group, n);
    }
    rt_free(group);
    rt_free(place);
}

void lockcheck_leaks(void)
{
    /* The last thread of a program whose main called pthread_exit ends
     * the process from its own exit path (glibc calls exit when it is the
     * last): finished, never joined, and no leak. */
    struct leaks l = {.exiting = (pid_t)syscall(SYS_gettid)};
    thread_for_each(collect_leak, &l);
    /* newest first in the registry: oldest first in the reports */
    for (uint32_t i = 0; i < l.n / 2; i++) {
        struct crace_thread *x = l.t[i];
        l.t[i] = l.t[l.n - 1 - i];
        l.t[l.n - 1 - i] = x;
    }
    if (l.n)
        report_call(crace_cur, leaks_job, &l);
    rt_free(l.t);
}
