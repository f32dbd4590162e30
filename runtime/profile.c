/*
 * profile.c - the mutex, block and goroutine profiles (profile.h): a tool
 * on events.h, active only when a profile option or pprof_http is set.
 *
 * Timestamps are taken here, in the wait and lock callbacks, never in the
 * core. Per thread (by slot, in one lazily populated array) we keep the
 * waits it is in; per lock with waiters, in a striped table, how many wait
 * and since when each was last charged:
 *
 *   mutex   a lock's release charges every thread waiting for it with the
 *           time it waited since its wait began or since the previous
 *           release charged it (Go charges the same way: the delay is
 *           recorded at the releaser's stack, one contention event). A
 *           release of a read hold charges only the waiting writers.
 *   block   a lock wait that some release charged was contended: it
 *           blocked, for as long as the whole wait. Condition waits,
 *           barriers and once waits always block; a join blocks when the
 *           thread had not finished; a semaphore wait when its value was 0.
 *
 * Sampling is Go's: 1 in mutex_profile_fraction contention events, counted
 * fraction times; blocking events of at least block_profile_rate ns are
 * all kept, shorter ones with probability duration/rate and counted
 * rate/duration times. Samples are summed in buckets by (stack, labels).
 */
#include "profile.h"
#include "options.h"
#include "pprof_http.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define DEPTH 64 /* frames kept per sample */
#define NEST 4   /* waits inside waits (a signal handler's) tracked */

static uint64_t now_ns(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int mutex_on, block_on; /* recording; fixed at start-up */
static long start_pid;

/* ---- per thread, by slot ---- */

struct pwait {
    int kind;       /* enum ev_wait_kind */
    int cls;        /* lock waits: LOCK_READERS / LOCK_WRITERS; -1: not a lock */
    int registered; /* counted in the lock table */
    int blocking;   /* not a lock: blocked for sure */
    uintptr_t obj, pc;
    uint64_t start; /* when the wait began */
    uint64_t cf0;   /* lock waits: charged from (lock table time) */
};

struct pthr {
    struct crace_thread *t; /* the live thread on this slot; reg_lock */
    uint64_t rng;
    uint32_t nwait;
    struct pwait w[NEST];
    uint64_t since; /* when its outermost wait began; 0: none (others read it) */
};

static struct pthr *thr; /* [CELL_MAX_SLOTS], zero pages until used */
static uint32_t thr_top; /* slots below this may be in use; reg_lock */
static rt_lock reg_lock;

static uint64_t rnd(struct pthr *p, const struct crace_thread *t)
{
    if (!p->rng)
        p->rng = (now_ns(CLOCK_MONOTONIC) ^ ((uint64_t)t->uid << 32)) | 1;
    p->rng ^= p->rng << 13;
    p->rng ^= p->rng >> 7;
    p->rng ^= p->rng << 17;
    return p->rng;
}

/* ---- locks with waiters ---- */

enum { LOCK_READERS, LOCK_WRITERS }; /* rwlock readers; everyone else */

struct lent {
    uintptr_t addr;
    uint32_t n[2];    /* waiting, by class */
    uint64_t sum[2];  /* sum of their charged-from times */
    uint64_t last[2]; /* time of the last release that charged the class */
    struct lent *next;
};

#define STRIPES 64
static struct stripe {
    rt_lock lock;
    struct lent *head, *spare;
} __attribute__((aligned(64))) stripes[STRIPES];

static struct stripe *stripe_of(uintptr_t addr)
{
    return &stripes[(addr >> 4 ^ addr >> 12) & (STRIPES - 1)];
}

static struct lent **find(struct stripe *st, uintptr_t addr)
{
    struct lent **e = &st->head;
    while (*e && (*e)->addr != addr)
        e = &(*e)->next;
    return e;
}

/* A waiter of class cls joins addr's waiters: its charged-from time. */
static uint64_t waiter_add(uintptr_t addr, int cls)
{
    struct stripe *st = stripe_of(addr);
    rt_lock_acquire(&st->lock);
    struct lent **pe = find(st, addr), *e = *pe;
    if (!e) {
        e = st->spare ? st->spare : rt_alloc(sizeof *e);
        if (e == st->spare)
            st->spare = e->next;
        rt_memset(e, 0, sizeof *e);
        e->addr = addr;
        e->next = st->head;
        st->head = e;
    }
    uint64_t t = now_ns(CLOCK_MONOTONIC); /* under the lock: ordered with releases */
    e->n[cls]++;
    e->sum[cls] += t;
    rt_lock_release(&st->lock);
    return t;
}

/* The waiter leaves (it has the lock, or gave up): was it ever charged? */
static int waiter_remove(uintptr_t addr, int cls, uint64_t cf0)
{
    struct stripe *st = stripe_of(addr);
    rt_lock_acquire(&st->lock);
    struct lent **pe = find(st, addr), *e = *pe;
    int charged = 0;
    if (e) {
        charged = e->last[cls] > cf0;
        e->n[cls]--;
        e->sum[cls] -= charged ? e->last[cls] : cf0;
        if (!e->n[LOCK_READERS] && !e->n[LOCK_WRITERS]) {
            *pe = e->next;
            e->next = st->spare;
            st->spare = e;
        }
    }
    rt_lock_release(&st->lock);
    return charged;
}

/* addr is released (a read hold: only writers waited for it): the time its
 * waiters waited since last charged; *n: how many. */
static uint64_t charge(uintptr_t addr, int read_hold, uint32_t *n)
{
    struct stripe *st = stripe_of(addr);
    uint64_t delay = 0;
    *n = 0;
    rt_lock_acquire(&st->lock);
    struct lent *e = *find(st, addr);
    if (e) {
        uint64_t t = now_ns(CLOCK_MONOTONIC);
        for (int cls = read_hold ? LOCK_WRITERS : LOCK_READERS; cls <= LOCK_WRITERS; cls++) {
            if (!e->n[cls])
                continue;
            delay += e->n[cls] * t - e->sum[cls];
            e->sum[cls] = e->n[cls] * t;
            e->last[cls] = t;
            *n += e->n[cls];
        }
    }
    rt_lock_release(&st->lock);
    return delay;
}

/* ---- buckets: samples summed by (stack, labels) ---- */

#define HEADS 4096
#define BUCKETS_MAX 65536

struct bucket {
    struct bucket *next;
    uint64_t hash;
    double count;
    double delay;
    struct label_set *labels; /* NULL: none */
    uint32_t npcs;
    uintptr_t pcs[];
};

static struct btable {
    rt_lock lock;
    struct bucket *heads[HEADS];
    uint32_t n;
    uint64_t dropped; /* samples of new keys once the table was full */
} tables[2];          /* PROFILE_MUTEX, PROFILE_BLOCK */

static uint64_t key_hash(const uintptr_t *pcs, uint32_t n, const struct label_set *ls)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ pcs[i]) * 0x100000001b3ull;
    for (uint32_t i = 0; ls && i < ls->len; i++)
        h = (h ^ (uint8_t)ls->text[i]) * 0x100000001b3ull;
    return h;
}

static int same_key(const struct bucket *b, uint64_t h, const uintptr_t *pcs, uint32_t n,
                    const struct label_set *ls)
{
    if (b->hash != h || b->npcs != n)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (b->pcs[i] != pcs[i])
            return 0;
    if (!b->labels || !ls)
        return !b->labels == !ls;
    return labels_equal(b->labels, ls);
}

static void record(struct btable *tb, const uintptr_t *pcs, uint32_t n, const struct label_set *ls,
                   double count, double delay)
{
    if (ls && !ls->n)
        ls = 0;
    uint64_t h = key_hash(pcs, n, ls);
    rt_lock_acquire(&tb->lock);
    struct bucket **head = &tb->heads[h & (HEADS - 1)], *b = *head;
    while (b && !same_key(b, h, pcs, n, ls))
        b = b->next;
    if (!b && tb->n == BUCKETS_MAX) {
        tb->dropped++;
        rt_lock_release(&tb->lock);
        return;
    }
    if (!b) {
        b = rt_alloc(sizeof *b + n * sizeof *pcs);
        b->hash = h;
        b->npcs = n;
        rt_memcpy(b->pcs, pcs, n * sizeof *pcs);
        if (ls) {
            b->labels = rt_alloc(sizeof *ls);
            *b->labels = *ls;
        }
        b->next = *head;
        *head = b;
        tb->n++;
    }
    b->count += count;
    b->delay += delay;
    rt_lock_release(&tb->lock);
}

/* A sample at t's stack (pc: the innermost call site). */
static void record_at(struct btable *tb, struct crace_thread *t, uintptr_t pc, double count,
                      double delay)
{
    uintptr_t pcs[DEPTH];
    struct label_set ls;
    uint32_t n = thread_stack_copy(t, pc, pcs, DEPTH);
    labels_read(t, &ls);
    record(tb, pcs, n, &ls, count, delay);
}

/* ---- events ---- */

static int lock_class(int kind)
{
    switch (kind) {
    case EV_WAIT_RDLOCK:
        return LOCK_READERS;
    case EV_WAIT_MUTEX:
    case EV_WAIT_WRLOCK:
    case EV_WAIT_SPIN:
        return LOCK_WRITERS;
    default:
        return -1;
    }
}

/* Waits that are not on locks: will this one block? */
static int will_block(const struct crace_thread *t, int kind)
{
    const struct crace_thread *joined;
    switch (kind) {
    case EV_WAIT_JOIN: /* aux: the joined thread's record, live until joined */
        joined = (const struct crace_thread *)t->wait.aux;
        return !joined || !__atomic_load_n(&joined->finished, __ATOMIC_ACQUIRE);
    case EV_WAIT_SEM: /* glibc's sem_t: the value is its first 32 bits */
        return __atomic_load_n((const unsigned *)t->wait.obj, __ATOMIC_RELAXED) == 0;
    default: /* condition waits, barriers, once: they wait */
        return 1;
    }
}

static void prof_wait_begin(struct crace_thread *t)
{
    struct pthr *p = &thr[t->slot];
    if (p->nwait++ >= NEST)
        return;
    struct pwait *w = &p->w[p->nwait - 1];
    w->kind = t->wait.kind;
    w->obj = t->wait.obj;
    w->pc = t->wait.pc;
    w->cls = lock_class(w->kind);
    w->registered = w->cls >= 0 && (mutex_on || block_on);
    w->blocking = w->cls < 0 && will_block(t, w->kind);
    w->start = now_ns(CLOCK_MONOTONIC);
    if (w->registered)
        w->cf0 = waiter_add(w->obj, w->cls);
    if (p->nwait == 1)
        __atomic_store_n(&p->since, w->start, __ATOMIC_RELEASE);
}

/* Go's blocksampled/saveblockevent: events of rate ns or more always,
 * shorter ones with probability d/rate, counted rate/d times. */
static void block_event(struct crace_thread *t, struct pthr *p, const struct pwait *w)
{
    uint64_t d = now_ns(CLOCK_MONOTONIC) - w->start, rate = (uint64_t)opt_block_profile_rate;
    if (!d)
        d = 1;
    if (rate > d && rnd(p, t) % rate > d)
        return;
    if (d < rate)
        record_at(&tables[PROFILE_BLOCK], t, w->pc, (double)rate / (double)d, (double)rate);
    else
        record_at(&tables[PROFILE_BLOCK], t, w->pc, 1, (double)d);
}

static void prof_wait_end(struct crace_thread *t, int ok)
{
    (void)ok; /* a timed-out wait blocked all the same */
    struct pthr *p = &thr[t->slot];
    if (!p->nwait)
        return; /* began before the tool was on */
    if (p->nwait-- > NEST)
        return;
    const struct pwait *w = &p->w[p->nwait];
    if (!p->nwait)
        __atomic_store_n(&p->since, 0, __ATOMIC_RELEASE);
    int blocked = w->blocking;
    if (w->registered)
        blocked = waiter_remove(w->obj, w->cls, w->cf0);
    if (block_on && blocked)
        block_event(t, p, w);
}

/* Is t's newest hold of addr a read hold? (Called before it is dropped.) */
static int read_hold(const struct crace_thread *t, uintptr_t addr)
{
    for (uint32_t i = t->held.n; i > 0; i--)
        if ((t->held.e[i - 1] & ~HELD_READ) == addr)
            return (t->held.e[i - 1] & HELD_READ) != 0;
    return 0;
}

static void prof_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (!mutex_on && !block_on)
        return;
    uint32_t waiters;
    uint64_t delay = charge(addr, read_hold(t, addr), &waiters);
    if (!waiters || !mutex_on)
        return;
    uint64_t rate = (uint64_t)opt_mutex_profile_fraction;
    if (rate > 1 && rnd(&thr[t->slot], t) % rate)
        return;
    record_at(&tables[PROFILE_MUTEX], t, pc, (double)rate, (double)delay * (double)rate);
}

static void prof_thread_started(struct crace_thread *t)
{
    rt_lock_acquire(&reg_lock);
    struct pthr *p = &thr[t->slot];
    p->t = t;
    p->nwait = 0;
    p->since = 0;
    if (t->slot >= thr_top)
        thr_top = t->slot + 1;
    rt_lock_release(&reg_lock);
}

static void prof_thread_finished(struct crace_thread *t)
{
    rt_lock_acquire(&reg_lock);
    if (thr[t->slot].t == t)
        thr[t->slot].t = 0;
    rt_lock_release(&reg_lock);
}

/* ---- snapshots ---- */

/* A copy of a bucket table's samples (mutex, block). */
struct sample {
    uint64_t hash;
    double count, delay;
    struct label_set *labels;
    uint32_t npcs;
    uintptr_t *pcs;
};

static void samples_free(struct sample *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rt_free(s[i].labels);
        rt_free(s[i].pcs);
    }
    rt_free(s);
}

static size_t take_samples(struct btable *tb, struct sample **out, uint64_t *dropped)
{
    rt_lock_acquire(&tb->lock);
    size_t n = 0;
    struct sample *s = rt_alloc((tb->n + 1) * sizeof *s);
    for (int h = 0; h < HEADS; h++)
        for (struct bucket *b = tb->heads[h]; b; b = b->next, n++) {
            s[n] = (struct sample){b->hash, b->count, b->delay, 0, b->npcs, 0};
            s[n].pcs = rt_alloc(b->npcs * sizeof *b->pcs + 1);
            rt_memcpy(s[n].pcs, b->pcs, b->npcs * sizeof *b->pcs);
            if (b->labels) {
                s[n].labels = rt_alloc(sizeof *b->labels);
                *s[n].labels = *b->labels;
            }
        }
    *dropped = tb->dropped;
    rt_lock_release(&tb->lock);
    *out = s;
    return n;
}

static int same_sample(const struct sample *a, const struct sample *b)
{
    if (a->hash != b->hash || a->npcs != b->npcs)
        return 0;
    for (uint32_t i = 0; i < a->npcs; i++)
        if (a->pcs[i] != b->pcs[i])
            return 0;
    if (!a->labels || !b->labels)
        return !a->labels == !b->labels;
    return labels_equal(a->labels, b->labels);
}

/* after -= before, per key; keys that did not change are dropped. */
static size_t subtract(struct sample *after, size_t n, const struct sample *before, size_t m)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < m; k++)
            if (same_sample(&after[i], &before[k])) {
                after[i].count -= before[k].count;
                after[i].delay -= before[k].delay;
                break;
            }
        if (after[i].count > 0.5 || after[i].delay > 0.5) {
            struct sample s = after[kept];
            after[kept++] = after[i];
            after[i] = s;
        }
    }
    return kept;
}

static int by_delay(const void *a, const void *b)
{
    const struct sample *x = a, *y = b;
    return x->delay < y->delay ? 1 : x->delay > y->delay ? -1 : 0;
}

/* A thread as a goroutine profile shows it. */
struct gthread {
    uint32_t uid;
    char name[THREAD_NAME_MAX];
    struct label_set labels;
    int kind;       /* what it waits for now; 0: running */
    uint64_t since; /* since when (monotonic ns); 0: unknown */
    uint32_t npcs;
    uintptr_t pcs[DEPTH];
    uint32_t count; /* grouped: threads with this stack and labels */
};

/* A fork child: only the thread that forked came along. */
static void forget_other_threads(void)
{
    long pid = syscall(SYS_getpid);
    if (pid == start_pid)
        return;
    for (uint32_t s = 0; s < thr_top; s++)
        if (thr[s].t && thr[s].t != crace_cur)
            thr[s].t = 0;
    start_pid = pid;
}

/* t's stack as far as known: the blocking call's site when it waits, then
 * its shadow stack (read while it runs: a best-effort copy). */
static void copy_thread(struct gthread *g, const struct crace_thread *t, const struct pthr *p)
{
    g->uid = t->uid;
    rt_memcpy(g->name, t->name, THREAD_NAME_MAX);
    g->name[THREAD_NAME_MAX - 1] = 0;
    labels_read(t, &g->labels);
    g->kind = __atomic_load_n(&t->wait.kind, __ATOMIC_ACQUIRE);
    g->since = g->kind ? __atomic_load_n(&p->since, __ATOMIC_ACQUIRE) : 0;
    g->npcs = 0;
    if (g->kind)
        g->pcs[g->npcs++] = t->wait.pc;
    uint32_t depth = __atomic_load_n(&t->depth, __ATOMIC_RELAXED);
    if (depth > THREAD_STACK_CAP)
        depth = THREAD_STACK_CAP;
    for (uint32_t i = depth; i > 0 && g->npcs < DEPTH; i--)
        g->pcs[g->npcs++] = __atomic_load_n(&t->stack[i - 1], __ATOMIC_RELAXED);
    g->count = 1;
}

static size_t take_threads(struct gthread **out)
{
    rt_lock_acquire(&reg_lock);
    forget_other_threads();
    size_t n = 0;
    for (uint32_t s = 0; s < thr_top; s++)
        n += thr[s].t != 0;
    struct gthread *g = rt_alloc((n + 1) * sizeof *g);
    n = 0;
    for (uint32_t s = 0; s < thr_top; s++)
        if (thr[s].t)
            copy_thread(&g[n++], thr[s].t, &thr[s]);
    rt_lock_release(&reg_lock);
    *out = g;
    return n;
}

static int by_uid(const void *a, const void *b)
{
    const struct gthread *x = a, *y = b;
    return x->uid < y->uid ? -1 : x->uid > y->uid;
}

/* Threads with the same stack and labels become one, counted. */
static size_t group_threads(struct gthread *g, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        for (; k < kept; k++)
            if (g[k].npcs == g[i].npcs && labels_equal(&g[k].labels, &g[i].labels) &&
                !memcmp(g[k].pcs, g[i].pcs, g[i].npcs * sizeof *g[i].pcs))
                break;
        if (k < kept)
            g[k].count++;
        else if (kept != i)
            g[kept++] = g[i];
        else
            kept++;
    }
    return kept;
}

static int by_count(const void *a, const void *b)
{
    const struct gthread *x = a, *y = b;
    return x->count < y->count ? 1 : x->count > y->count ? -1 : by_uid(a, b);
}

/* ---- rendering ---- */

static const struct pprof_kind contention_kind = {
    2, {"contentions", "delay"}, {"count", "nanoseconds"}, "contentions", "count", 1};
static const struct pprof_kind goroutine_kind = {1,           {"goroutine", 0}, {"count", 0},
                                                 "goroutine", "count",          1};

static const char *wait_state(int kind)
{
    static const char *const names[] = {
        [EV_WAIT_NONE] = "running",
        [EV_WAIT_MUTEX] = "mutex lock",
        [EV_WAIT_RDLOCK] = "rwlock rdlock",
        [EV_WAIT_WRLOCK] = "rwlock wrlock",
        [EV_WAIT_SPIN] = "spin lock",
        [EV_WAIT_COND] = "cond wait",
        [EV_WAIT_JOIN] = "join",
        [EV_WAIT_SEM] = "sem wait",
        [EV_WAIT_BARRIER] = "barrier wait",
        [EV_WAIT_ONCE] = "once wait",
    };
    return kind >= 0 && kind <= EV_WAIT_ONCE && names[kind] ? names[kind] : "waiting";
}

/* # labels: {"request":"42", "worker":"3"} (Go's debug=1 form) */
static void text_labels(struct pbuf *out, const struct label_set *ls)
{
    uint32_t pos = 0;
    const char *k, *v;
    if (!ls || !ls->n)
        return;
    pbuf_printf(out, "# labels: {");
    for (int i = 0; labels_next(ls, &pos, &k, &v); i++)
        pbuf_printf(out, "%s\"%s\":\"%s\"", i ? ", " : "", k, v);
    pbuf_printf(out, "}\n");
}

static void render_goroutine(int debug, struct pbuf *out)
{
    struct gthread *g;
    size_t n = take_threads(&g);
    struct pprof *p = pprof_new(&goroutine_kind);
    if (debug == 2) {
        qsort(g, n, sizeof *g, by_uid);
        uint64_t now = now_ns(CLOCK_MONOTONIC);
        for (size_t i = 0; i < n; i++) {
            if (g[i].uid)
                pbuf_printf(out, "thread T%u", g[i].uid);
            else
                pbuf_printf(out, "main thread");
            if (g[i].name[0])
                pbuf_printf(out, " \"%s\"", g[i].name);
            pbuf_printf(out, " [%s", wait_state(g[i].kind));
            if (g[i].since && now > g[i].since)
                pbuf_printf(out, ", %.3f seconds", (double)(now - g[i].since) / 1e9);
            pbuf_printf(out, "]:\n");
            text_labels(out, &g[i].labels);
            pprof_text_stack(p, out, g[i].pcs, g[i].npcs, PPROF_TEXT_TRACE);
            pbuf_printf(out, "\n");
        }
    } else {
        size_t groups = group_threads(g, n);
        qsort(g, groups, sizeof *g, by_count);
        if (debug)
            pbuf_printf(out, "goroutine profile: total %zu\n", n);
        for (size_t i = 0; i < groups; i++) {
            if (!debug) {
                int64_t v = g[i].count;
                pprof_add(p, g[i].pcs, g[i].npcs, &v, &g[i].labels);
                continue;
            }
            pbuf_printf(out, "%u @", g[i].count);
            pprof_text_pcs(p, out, g[i].pcs, g[i].npcs);
            pbuf_printf(out, "\n");
            text_labels(out, &g[i].labels);
            pprof_text_stack(p, out, g[i].pcs, g[i].npcs, PPROF_TEXT_COUNT);
            pbuf_printf(out, "\n");
        }
        if (!debug)
            pprof_gzip_proto(p, out, (int64_t)now_ns(CLOCK_REALTIME), 0);
    }
    pprof_free(p);
    rt_free(g);
}

static void sleep_s(int seconds)
{
    struct timespec ts = {seconds, 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static void render_contention(enum profile_which which, int debug, int seconds, struct pbuf *out)
{
    struct btable *tb = &tables[which];
    struct sample *s, *before = 0;
    uint64_t dropped, dropped_before = 0;
    size_t nbefore = 0, n;
    int64_t start = (int64_t)now_ns(CLOCK_REALTIME);
    if (seconds > 0) {
        nbefore = take_samples(tb, &before, &dropped_before);
        sleep_s(seconds);
    }
    size_t taken = n = take_samples(tb, &s, &dropped);
    if (seconds > 0)
        n = subtract(s, n, before, nbefore);
    qsort(s, n, sizeof *s, by_delay);
    struct pprof *p = pprof_new(&contention_kind);
    if (debug) {
        pbuf_printf(out, "--- %s:\ncycles/second=1000000000\n",
                    which == PROFILE_MUTEX ? "mutex" : "contention");
        if (which == PROFILE_MUTEX)
            pbuf_printf(out, "sampling period=%d\n", opt_mutex_profile_fraction);
    }
    for (size_t i = 0; i < n; i++) {
        int64_t v[2] = {(int64_t)(s[i].count + 0.5), (int64_t)(s[i].delay + 0.5)};
        if (!debug) {
            pprof_add(p, s[i].pcs, s[i].npcs, v, s[i].labels);
            continue;
        }
        pbuf_printf(out, "%lld %lld @", (long long)v[1], (long long)v[0]);
        pprof_text_pcs(p, out, s[i].pcs, s[i].npcs);
        pbuf_printf(out, "\n");
        text_labels(out, s[i].labels);
        pprof_text_stack(p, out, s[i].pcs, s[i].npcs, PPROF_TEXT_COUNT);
        pbuf_printf(out, "\n");
    }
    if (dropped > dropped_before) {
        char note[160];
        snprintf(note, sizeof note, "crace: %llu samples dropped: more than %d stacks",
                 (unsigned long long)(dropped - dropped_before), BUCKETS_MAX);
        pprof_comment(p, note);
    }
    if (!debug)
        pprof_gzip_proto(p, out, start, seconds > 0 ? (int64_t)seconds * 1000000000 : 0);
    pprof_free(p);
    samples_free(s, taken);
    if (before)
        samples_free(before, nbefore);
}

void profile_render(enum profile_which which, int debug, int seconds, struct pbuf *out)
{
    if (which == PROFILE_GOROUTINE)
        render_goroutine(debug, out);
    else
        render_contention(which, debug, seconds, out);
}

/* ---- at exit ---- */

static void write_file(const char *what, const char *path, const struct pbuf *b)
{
    char name[4200];
    long pid = syscall(SYS_getpid);
    if (pid != start_pid) /* a fork child: do not overwrite the parent's */
        snprintf(name, sizeof name, "%s.%ld", path, pid);
    else
        snprintf(name, sizeof name, "%s", path);
    long fd = syscall(SYS_openat, AT_FDCWD, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        rt_printf(2, "crace: cannot write the %s profile to %s: %s\n", what, name, strerror(errno));
        return;
    }
    rt_write((int)fd, (const char *)b->p, b->len);
    syscall(SYS_close, fd);
}

static void write_profile(enum profile_which which, const char *what, const char *path)
{
    struct pbuf b = {0};
    if (!path)
        return;
    profile_render(which, 0, 0, &b);
    write_file(what, path, &b);
    pbuf_free(&b);
}

static void prof_fini(void)
{
    write_profile(PROFILE_MUTEX, "mutex", opt_mutex_profile);
    write_profile(PROFILE_BLOCK, "block", opt_block_profile);
    write_profile(PROFILE_GOROUTINE, "goroutine", opt_goroutine_profile);
}

/* ---- the tool ---- */

static int prof_wanted(void)
{
    return opt_mutex_profile || opt_block_profile || opt_goroutine_profile || opt_pprof_http;
}

static void prof_init(void)
{
    mutex_on = (opt_mutex_profile || opt_pprof_http) && opt_mutex_profile_fraction > 0;
    block_on = (opt_block_profile || opt_pprof_http) && opt_block_profile_rate > 0;
    thr = rt_map(CELL_MAX_SLOTS * sizeof *thr);
    start_pid = syscall(SYS_getpid);
    if (opt_pprof_http)
        pprof_http_start(opt_pprof_http);
}

const struct ev_tool profile_tool = {
    .name = "profile",
    .on = prof_wanted,
    .init = prof_init,
    .wait_begin = prof_wait_begin,
    .wait_end = prof_wait_end,
    .lock_released = prof_lock_released,
    .thread_started = prof_thread_started,
    .thread_finished = prof_thread_finished,
    .fini = prof_fini,
};
