/*
 * exectrace.c - the execution trace (trace_path=PATH), a tool on events.h:
 * one track per thread, named like reports name threads (`main thread`,
 * `T1 "worker"`), holding
 *
 *   wait slices     (X, cat "wait") for each blocking wait: lock, condition
 *                   wait, join, semaphore, barrier, once; args say what was
 *                   waited for, where ("at", "stack"), who woke it. A lock
 *                   or semaphore wait is recorded when a release or post by
 *                   another thread ended it, or when it took XT_MIN_WAIT_NS
 *                   or more (an uncontended lock is not a wait); condition
 *                   waits, joins and barriers always;
 *   hold slices     (X, cat "lock", trace_locks=1) from a lock taken to
 *                   released;
 *   instants        (i) thread start, create, exit; every report (its
 *                   title, kind and both code locations);
 *   flow arrows     (s -> f, cat "flow") for the happens-before edge that
 *                   ended a wait: unlock -> the lock wait it ended, signal /
 *                   broadcast -> the condition wait, sem post -> the sem
 *                   wait, thread exit -> join, create -> thread start.
 *
 * Flow ends bind to slices (Perfetto binds a flow event to the slice open
 * on its track at its time), so each end gets a short "anchor" slice: the
 * waker's ("unlock", "signal", ...) where it woke, the waiter's ("wakeup")
 * at the very end of its wait. The waker does not know whether it wakes
 * anyone: it only notes the time in the wake table (exectrace_wake.h) and
 * keeps XT_ANCHOR ns of its own timeline free there; the waiter whose wait
 * that wake-up ended writes both anchors and both flow events, in one
 * record. Each thread's trace clock is strictly increasing, so slices on a
 * track always nest; a lock released out of order (lock A, lock B, unlock
 * A) ends A's hold there and B's hold restarts after it (arg since_us).
 *
 * All of it runs only when trace_path is set (events.h: one test of a flag
 * per event otherwise). Per-thread state lives by slot (threads[]), made
 * at thread start and freed at thread exit, after its last flush.
 */
#include "exectrace.h"
#include "exectrace_out.h"
#include "exectrace_sym.h"
#include "exectrace_wake.h"
#include "labels.h"
#include "options.h"
#include "report_model.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XT_BUF (64u << 10)     /* a thread's buffer */
#define XT_OPEN_MAX 32         /* waits and holds open at once, tracked */
#define XT_STACK 8             /* frames of a recorded wait's stack */
#define XT_MIN_WAIT_NS 1000000 /* a lock or sem wait this long is recorded anyway */
#define XT_ANCHOR 6            /* ns of a waker's timeline kept for its anchor */
#define XT_LABEL 96

enum { OPEN_HOLD = 100 }; /* xt_open.what: a hold; else an enum ev_wait_kind */

struct xt_open {
    int what;
    unsigned flags;
    uint64_t begin;
    uint64_t since; /* a clipped hold's real beginning; 0 if not clipped */
    uintptr_t obj, aux, pc;
};

struct xt_thread {
    struct crace_thread *t;
    uint32_t tid, uid;
    uint64_t last;  /* the thread's trace clock, strictly increasing */
    uint32_t nopen; /* released with release order: xt_fini reads it */
    uint32_t lost;  /* opened beyond XT_OPEN_MAX, not tracked */
    struct xt_open open[XT_OPEN_MAX];
    struct xo_buf buf;
    char label[XT_LABEL]; /* its track name, as last written */
};

static struct xt_thread **threads; /* by slot, CELL_MAX_SLOTS entries */
static uint32_t threads_top;       /* slots at or above it were never used */
/* Guards threads[] against xt_fini reading a state its thread frees. Lock
 * order: the file lock (exectrace_out.c), then threads_lock. */
static rt_lock threads_lock;
static uint64_t next_flow_id;

/* ---- helpers ---- */

static struct xt_thread *xt_of(const struct crace_thread *t)
{
    struct xt_thread *x = threads ? threads[t->slot] : 0;
    return x && x->t == t ? x : 0;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

/* The thread's clock now: never equal to an earlier reading. */
static uint64_t xt_now(struct xt_thread *x)
{
    uint64_t n = xo_clock();
    x->last = n > x->last ? n : x->last + 1;
    return x->last;
}

/* A wake-up point T: [T+1, T+5] stays free for the anchor slice that a
 * woken waiter may write there later. */
static uint64_t xt_wake_point(struct xt_thread *x)
{
    uint64_t t = xt_now(x);
    x->last = t + XT_ANCHOR;
    return t;
}

/* `main thread`, `T3`, `T3 "worker"`: how reports name threads. */
static void label_of(char *out, size_t n, uint32_t uid, const char *name)
{
    char copy[THREAD_NAME_MAX];
    size_t i = 0;
    for (; name && i + 1 < sizeof copy && name[i]; i++) /* another thread may rename it */
        copy[i] = name[i];
    copy[i] = 0;
    if (uid == 0)
        rt_snprintf(out, n, copy[0] ? "main thread \"%s\"" : "main thread", copy);
    else if (copy[0])
        rt_snprintf(out, n, "T%u \"%s\"", uid, copy);
    else
        rt_snprintf(out, n, "T%u", uid);
}

static void uid_label(char *out, size_t n, uint32_t uid)
{
    label_of(out, n, uid, 0);
}

static const char *wait_name(int kind)
{
    switch (kind) {
    case EV_WAIT_MUTEX:
        return "mutex wait";
    case EV_WAIT_RDLOCK:
        return "rwlock read wait";
    case EV_WAIT_WRLOCK:
        return "rwlock write wait";
    case EV_WAIT_SPIN:
        return "spinlock wait";
    case EV_WAIT_COND:
        return "cond wait";
    case EV_WAIT_JOIN:
        return "join";
    case EV_WAIT_SEM:
        return "sem wait";
    case EV_WAIT_BARRIER:
        return "barrier wait";
    case EV_WAIT_ONCE:
        return "once wait";
    default:
        return "wait";
    }
}

/* The waker's anchor slice, and the flow's name. */
static const char *wake_name(int how)
{
    switch (how) {
    case EV_WAKE_SIGNAL:
        return "signal";
    case EV_WAKE_BROADCAST:
        return "broadcast";
    case EV_WAKE_POST:
        return "sem post";
    case XW_UNLOCK:
        return "unlock";
    case XW_CREATE:
        return "create";
    default:
        return "exit";
    }
}

static int is_lock_wait(int kind)
{
    return kind == EV_WAIT_MUTEX || kind == EV_WAIT_RDLOCK || kind == EV_WAIT_WRLOCK ||
           kind == EV_WAIT_SPIN;
}

/* "labels": t's labels now (crace_set_label), unless it has none. Any
 * thread may read them (labels.h). */
static void labels_arg(struct xo_rec *r, const struct crace_thread *t)
{
    struct label_set set;
    labels_read(t, &set);
    const char *kv[2 * LABELS_MAX];
    uint32_t pos = 0, n = 0;
    while (n < LABELS_MAX && labels_next(&set, &pos, &kv[2 * n], &kv[2 * n + 1]))
        n++;
    if (n)
        xo_arg_pairs(r, "labels", kv, n);
}

static const char *site_or_hex(uintptr_t pc, char *hex, size_t n, unsigned *flags)
{
    const char *s = xs_site(pc, flags);
    if (s)
        return s;
    rt_snprintf(hex, n, "0x%lx", (unsigned long)pc);
    return hex;
}

/* Callbacks run in runtime mode (libc calls pass through the interceptors),
 * with signals deferred (a handler that runs the runtime on this thread
 * waits until the callback has updated the thread's state and buffer), and
 * leave errno as the program's call set it. */
struct xt_call {
    struct crace_thread *t;
    int saved_errno;
};

static void call_enter(struct xt_call *c, struct crace_thread *t)
{
    c->t = t;
    c->saved_errno = errno;
    t->in_rt++;
    rt_signals_defer();
}

static void call_leave(struct xt_call *c)
{
    rt_signals_undefer();
    c->t->in_rt--;
    errno = c->saved_errno;
}

/* ---- the open waits and holds of a thread ---- */

static void open_push(struct xt_thread *x, const struct xt_open *o)
{
    if (x->nopen == XT_OPEN_MAX) {
        x->lost++;
        return;
    }
    x->open[x->nopen] = *o;
    __atomic_store_n(&x->nopen, x->nopen + 1, __ATOMIC_RELEASE);
}

/* Drop open[i]; those opened after it restart after `end`, so the track's
 * slices still nest. */
static void open_remove(struct xt_thread *x, uint32_t i, uint64_t end)
{
    for (uint32_t k = i + 1; k < x->nopen; k++) {
        struct xt_open o = x->open[k];
        if (o.begin <= end) {
            o.since = o.since ? o.since : o.begin;
            o.begin = end + 1;
        }
        x->open[k - 1] = o;
    }
    __atomic_store_n(&x->nopen, x->nopen - 1, __ATOMIC_RELEASE);
}

/* ---- records ---- */

/* The wait's own arguments: what it waited for. */
static void wait_args(struct xo_rec *r, const struct xt_open *o)
{
    char label[XT_LABEL];
    switch (o->what) {
    case EV_WAIT_COND:
        xo_arg_hex(r, "cond", o->obj);
        xo_arg_hex(r, "mutex", o->aux);
        break;
    case EV_WAIT_JOIN:
        if (o->aux) {
            const struct crace_thread *j = (const struct crace_thread *)o->aux;
            label_of(label, sizeof label, j->uid, j->name);
            xo_arg_str(r, "thread", label);
        }
        break;
    case EV_WAIT_SEM:
        xo_arg_hex(r, "sem", o->obj);
        break;
    case EV_WAIT_BARRIER:
        xo_arg_hex(r, "barrier", o->obj);
        break;
    case EV_WAIT_ONCE:
        xo_arg_hex(r, "once", o->obj);
        break;
    default:
        xo_arg_hex(r, "lock", o->obj);
        break;
    }
    if (o->flags & EV_TIMED)
        xo_arg_bool(r, "timed", 1);
}

/* The wake-up w ended the wait of x that ends at `end`: the waker's anchor
 * (unless an earlier waiter it woke wrote it), the waiter's, and the flow
 * between them. */
static void flow_events(struct xo_rec *r, struct xt_thread *x, const struct xw_wake *w,
                        uint64_t end)
{
    char label[XT_LABEL];
    uint64_t id = __atomic_add_fetch(&next_flow_id, 1, __ATOMIC_RELAXED);
    const char *name = wake_name(w->how);
    if (w->claims == 0) {
        xo_ev(r, 'X', "wake", name, w->tid, w->ts + 1);
        xo_ev_dur(r, XT_ANCHOR - 2);
        xo_args(r);
        label_of(label, sizeof label, x->uid, x->t->name);
        xo_arg_str(r, "woke", label);
        xo_args_end(r);
        xo_ev_end(r);
    }
    xo_ev(r, 's', "flow", name, w->tid, w->ts + 3);
    xo_ev_id(r, id);
    xo_ev_end(r);
    xo_ev(r, 'X', "wake", "wakeup", x->tid, end - 5);
    xo_ev_dur(r, 4);
    xo_args(r);
    uid_label(label, sizeof label, w->uid);
    xo_arg_str(r, "by", label);
    xo_arg_str(r, "how", name);
    xo_args_end(r);
    xo_ev_end(r);
    xo_ev(r, 'f', "flow", name, x->tid, end - 3);
    xo_ev_raw(r, ",\"bp\":\"e\"");
    xo_ev_id(r, id);
    xo_ev_end(r);
}

static void emit_wait(struct xt_thread *x, const struct xt_open *o, uint64_t end, int ok,
                      const struct xw_wake *w)
{
    uintptr_t pcs[XT_STACK];
    const char *sites[XT_STACK];
    char hex[XT_STACK][24];
    uint32_t npcs = thread_stack_copy(x->t, o->pc, pcs, XT_STACK), n = 0;
    for (uint32_t i = 0; i < npcs; i++) { /* shown as reports show stacks */
        unsigned flags;
        const char *site = site_or_hex(pcs[i], hex[n], sizeof hex[n], &flags);
        if (flags & XS_HIDDEN)
            continue;
        sites[n++] = site;
        if (flags & XS_MAIN)
            break;
    }
    if (!n) {
        rt_snprintf(hex[0], sizeof hex[0], "0x%lx", (unsigned long)o->pc);
        sites[n++] = hex[0];
    }
    struct xo_rec r;
    xo_rec_begin(&r, &x->buf);
    xo_ev(&r, 'X', "wait", wait_name(o->what), x->tid, o->begin);
    xo_ev_dur(&r, end - o->begin);
    xo_args(&r);
    wait_args(&r, o);
    if (!ok)
        xo_arg_bool(&r, "ok", 0);
    if (w) {
        char label[XT_LABEL];
        uid_label(label, sizeof label, w->uid);
        xo_arg_str(&r, "woken_by", label);
    }
    xo_arg_str(&r, "at", sites[0]);
    xo_arg_strs(&r, "stack", sites, n);
    labels_arg(&r, x->t);
    xo_args_end(&r);
    xo_ev_end(&r);
    if (w)
        flow_events(&r, x, w, end);
    xo_rec_end(&r);
}

static void emit_hold(struct xt_thread *x, const struct xt_open *o, uint64_t end, const char *note)
{
    char hex[24];
    unsigned flags;
    const char *site = site_or_hex(o->pc, hex, sizeof hex, &flags);
    struct xo_rec r;
    xo_rec_begin(&r, &x->buf);
    xo_ev(&r, 'X', "lock", (o->flags & EV_READ) ? "read lock held" : "lock held", x->tid, o->begin);
    xo_ev_dur(&r, end > o->begin ? end - o->begin : 1);
    xo_args(&r);
    xo_arg_hex(&r, "lock", o->obj);
    xo_arg_str(&r, "at", site);
    if (o->flags & EV_TRY)
        xo_arg_bool(&r, "try", 1);
    if (o->since)
        xo_arg_u64(&r, "since_us", o->since / 1000);
    if (note)
        xo_arg_bool(&r, note, 1);
    labels_arg(&r, x->t);
    xo_args_end(&r);
    xo_ev_end(&r);
    xo_rec_end(&r);
}

static void emit_instant(struct xt_thread *x, const char *name, uint64_t ts, const char *key,
                         const char *val)
{
    struct xo_rec r;
    xo_rec_begin(&r, &x->buf);
    xo_ev(&r, 'i', "thread", name, x->tid, ts);
    xo_ev_raw(&r, ",\"s\":\"t\"");
    xo_args(&r);
    xo_arg_str(&r, key, val);
    labels_arg(&r, x->t);
    xo_args_end(&r);
    xo_ev_end(&r);
    xo_rec_end(&r);
}

/* The thread's track name and order, straight to the file: a record of
 * another thread may name this track before this thread's buffer is
 * flushed, and a cut must not leave that track unnamed. */
static void write_track_name(struct xt_thread *x, int locked)
{
    char scratch[1024];
    struct xo_buf b = {.data = scratch, .cap = sizeof scratch};
    struct xo_rec r;
    xo_rec_begin_direct(&r, &b);
    xo_meta_str(&r, x->tid, "thread_name", "name", x->label);
    xo_meta_u64(&r, x->tid, "thread_sort_index", "sort_index", x->uid);
    if (locked)
        xo_rec_end_locked(&r);
    else
        xo_rec_end_direct(&r);
}

/* Rename the track if the thread was named since. */
static void update_track_name(struct xt_thread *x, int locked)
{
    char label[XT_LABEL];
    label_of(label, sizeof label, x->uid, x->t->name);
    if (strcmp(label, x->label)) {
        rt_memcpy(x->label, label, sizeof label);
        write_track_name(x, locked);
    }
}

/* ---- events ---- */

static void xt_wait_begin(struct crace_thread *t)
{
    struct xt_thread *x = xt_of(t);
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    struct xt_open o = {.what = t->wait.kind,
                        .flags = t->wait.flags,
                        .begin = xt_now(x),
                        .obj = t->wait.obj,
                        .aux = t->wait.aux,
                        .pc = t->wait.pc};
    open_push(x, &o);
    call_leave(&c);
}

/* The wake-up that ended wait o, if one is known. */
static int woken_by(const struct xt_thread *x, const struct xt_open *o, int ok, struct xw_wake *w)
{
    if (is_lock_wait(o->what))
        return ok && xw_claim(o->obj, o->begin, 0, x->uid, w);
    if (o->what == EV_WAIT_COND)
        return xw_claim(o->obj, o->begin, 1, x->uid, w);
    if (o->what == EV_WAIT_SEM)
        return ok && xw_claim(o->obj, o->begin, 1, x->uid, w);
    if (o->what == EV_WAIT_JOIN)
        return ok && o->aux && xw_claim(XW_KEY_EXIT(o->aux), o->begin, 0, x->uid, w);
    return 0;
}

static void xt_wait_end(struct crace_thread *t, int ok)
{
    struct xt_thread *x = xt_of(t);
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    if (x->lost) {
        x->lost--;
        call_leave(&c);
        return;
    }
    uint32_t i = x->nopen;
    while (i > 0 && x->open[i - 1].what == OPEN_HOLD)
        i--;
    if (i > 0) {
        struct xt_open o = x->open[i - 1];
        struct xw_wake w;
        int woken = woken_by(x, &o, ok, &w);
        uint64_t prev = x->last, end = xt_now(x);
        int always = o.what == EV_WAIT_COND || o.what == EV_WAIT_JOIN || o.what == EV_WAIT_BARRIER;
        if (woken || always || end - o.begin >= XT_MIN_WAIT_NS) {
            /* room for the wakeup anchor at the end, after the waker's */
            end = max64(max64(end, prev + 7), max64(o.begin + 8, woken ? w.ts + 12 : 0));
            x->last = end;
            emit_wait(x, &o, end, ok, woken ? &w : 0);
        }
        open_remove(x, i - 1, end);
    }
    call_leave(&c);
}

static void xt_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    if (!opt_trace_locks)
        return;
    struct xt_thread *x = xt_of(t);
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    struct xt_open o = {
        .what = OPEN_HOLD, .flags = flags, .begin = xt_now(x), .obj = addr, .pc = pc};
    open_push(x, &o);
    call_leave(&c);
}

static void xt_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    (void)pc;
    struct xt_thread *x = xt_of(t);
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    uint64_t ts = xt_wake_point(x);
    xw_note(addr, XW_UNLOCK, x->tid, x->uid, ts);
    if (opt_trace_locks) {
        uint32_t i = x->nopen;
        while (i > 0 && !(x->open[i - 1].what == OPEN_HOLD && x->open[i - 1].obj == addr))
            i--;
        if (i > 0) {
            emit_hold(x, &x->open[i - 1], ts, 0);
            open_remove(x, i - 1, ts + XT_ANCHOR - 1);
        }
    }
    call_leave(&c);
}

static void xt_wake(struct crace_thread *t, uintptr_t obj, int how)
{
    struct xt_thread *x = xt_of(t);
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    xw_note(obj, how, x->tid, x->uid, xt_wake_point(x));
    call_leave(&c);
}

static void xt_thread_created(struct crace_thread *parent, struct crace_thread *child)
{
    struct xt_thread *x = xt_of(parent);
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, parent);
    char label[XT_LABEL];
    uint64_t ts = xt_wake_point(x);
    xw_note(XW_KEY_CREATE(child), XW_CREATE, x->tid, x->uid, ts);
    uid_label(label, sizeof label, child->uid);
    emit_instant(x, "thread create", ts, "thread", label);
    call_leave(&c);
}

/* The creation that started x: the parent's anchor, x's, and the flow. */
static void creation_flow(struct xt_thread *x, uint64_t start)
{
    struct xw_wake w;
    if (!xw_claim(XW_KEY_CREATE(x->t), 0, 0, x->uid, &w))
        return;
    char label[XT_LABEL];
    uint64_t s = max64(start, w.ts + XT_ANCHOR);
    x->last = max64(x->last, s + XT_ANCHOR);
    uint64_t id = __atomic_add_fetch(&next_flow_id, 1, __ATOMIC_RELAXED);
    struct xo_rec r;
    xo_rec_begin(&r, &x->buf);
    xo_ev(&r, 'X', "wake", "create", w.tid, w.ts + 1);
    xo_ev_dur(&r, XT_ANCHOR - 2);
    xo_args(&r);
    xo_arg_str(&r, "created", x->label);
    xo_args_end(&r);
    xo_ev_end(&r);
    xo_ev(&r, 's', "flow", "create", w.tid, w.ts + 3);
    xo_ev_id(&r, id);
    xo_ev_end(&r);
    xo_ev(&r, 'X', "wake", "start", x->tid, s + 1);
    xo_ev_dur(&r, XT_ANCHOR - 2);
    xo_args(&r);
    uid_label(label, sizeof label, w.uid);
    xo_arg_str(&r, "created_by", label);
    xo_args_end(&r);
    xo_ev_end(&r);
    xo_ev(&r, 'f', "flow", "create", x->tid, s + 3);
    xo_ev_raw(&r, ",\"bp\":\"e\"");
    xo_ev_id(&r, id);
    xo_ev_end(&r);
    xo_rec_end(&r);
}

static void xt_thread_started(struct crace_thread *t)
{
    if (xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    struct xt_thread *x = rt_alloc(sizeof *x);
    x->t = t;
    x->tid = (uint32_t)syscall(SYS_gettid);
    x->uid = t->uid;
    xo_buf_init(&x->buf, XT_BUF);
    label_of(x->label, sizeof x->label, x->uid, t->name);
    rt_lock_acquire(&threads_lock);
    threads[t->slot] = x;
    if (t->slot >= threads_top)
        threads_top = t->slot + 1;
    rt_lock_release(&threads_lock);
    write_track_name(x, 0);
    uint64_t ts = xt_wake_point(x);
    emit_instant(x, "thread start", ts, "thread", x->label);
    creation_flow(x, ts);
    call_leave(&c);
}

static void xt_thread_finished(struct crace_thread *t)
{
    struct xt_thread *x = xt_of(t);
    if (!x) /* a creation that failed, on its creator: nothing was started */
        return;
    struct xt_call c;
    call_enter(&c, t);
    if (!xo_stopped) {
        uint64_t ts = xt_wake_point(x);
        xw_note(XW_KEY_EXIT(t), XW_EXIT, x->tid, x->uid, ts);
        /* Locks it still holds (a lock that dies with its owner). */
        for (uint32_t i = x->nopen; i > 0; i--)
            if (x->open[i - 1].what == OPEN_HOLD)
                emit_hold(x, &x->open[i - 1], ts, "held_at_exit");
        emit_instant(x, "thread exit", ts, "thread", x->label);
        update_track_name(x, 0);
        xo_flush(&x->buf);
    }
    rt_lock_acquire(&threads_lock);
    threads[t->slot] = 0;
    rt_lock_release(&threads_lock);
    xo_buf_free(&x->buf);
    rt_free(x);
    call_leave(&c);
}

/* "write at a.c:10 in inc by T1" for one access of a report. */
static void describe_access(char *out, size_t n, const struct report_access *a)
{
    char who[XT_LABEL];
    if (a->thread.known)
        label_of(who, sizeof who, a->thread.uid, a->thread.name);
    else
        rt_snprintf(who, sizeof who, "an unknown thread");
    const char *what = a->read ? "read" : "write";
    if (a->atomic)
        what = a->read ? "atomic read" : "atomic write";
    const struct report_frame *f = a->stack.nframes ? &a->stack.frames[0] : 0;
    if (f && f->file)
        rt_snprintf(out, n, "%s at %s:%d in %s by %s", what, f->file, f->line,
                    f->function ? f->function : "??", who);
    else if (f)
        rt_snprintf(out, n, "%s in %s by %s", what, f->function ? f->function : "??", who);
    else
        rt_snprintf(out, n, "%s by %s (stack unknown)", what, who);
}

/* "current_labels" / "previous_labels": the labels the report gives the
 * access's thread (as the text and JSON reports show them). */
static void access_labels(struct xo_rec *rec, const struct crace_report *r,
                          const struct report_access *a)
{
    for (uint32_t i = 0; a->thread.known && i < r->nthreads; i++) {
        const struct report_thread *t = &r->threads[i];
        if (t->ref.uid != a->thread.uid || !t->nlabels)
            continue;
        xo_arg_pairs(rec, a->role == REPORT_PREVIOUS ? "previous_labels" : "current_labels",
                     t->labels, t->nlabels);
        return;
    }
}

static void xt_report(const char *title, const struct crace_report *r)
{
    struct crace_thread *t = crace_cur;
    struct xt_thread *x = t ? xt_of(t) : 0;
    if (!x || xo_stopped)
        return;
    struct xt_call c;
    call_enter(&c, t);
    char acc[2][600], summary[1300];
    uint32_t n = r->naccesses < 2 ? r->naccesses : 2;
    for (uint32_t i = 0; i < n; i++)
        describe_access(acc[i], sizeof acc[i], &r->accesses[i]);
    if (n == 2)
        rt_snprintf(summary, sizeof summary, "%s vs previous %s", acc[0], acc[1]);
    else
        rt_snprintf(summary, sizeof summary, "%s", n ? acc[0] : title);
    struct xo_rec rec;
    xo_rec_begin(&rec, &x->buf);
    xo_ev(&rec, 'i', "report", title, x->tid, xt_now(x));
    xo_ev_raw(&rec, ",\"s\":\"t\"");
    xo_args(&rec);
    xo_arg_str(&rec, "kind", title);
    xo_arg_str(&rec, "summary", summary);
    for (uint32_t i = 0; i < n; i++)
        xo_arg_str(&rec, r->accesses[i].role == REPORT_PREVIOUS ? "previous" : "current", acc[i]);
    for (uint32_t i = 0; i < n; i++)
        access_labels(&rec, r, &r->accesses[i]);
    xo_args_end(&rec);
    xo_ev_end(&rec);
    xo_rec_end(&rec);
    xo_flush(&x->buf); /* a report is worth keeping if the program then crashes */
    call_leave(&c);
}

/* ---- start, exit, fork ---- */

/* Waits and holds still open at exit: up to now, marked unfinished.
 * Another thread's open[] may change meanwhile: read as published. */
static void emit_unfinished_locked(struct xt_thread *x, uint64_t now)
{
    static char scratch[XO_REC_MAX]; /* xt_fini runs once */
    uint32_t n = __atomic_load_n(&x->nopen, __ATOMIC_ACQUIRE);
    for (uint32_t i = 0; i < n && i < XT_OPEN_MAX; i++) {
        struct xt_open o = x->open[i];
        char hex[24];
        unsigned flags;
        const char *site = xs_site_cached(o.pc, &flags);
        if (!site) { /* opened since xt_fini symbolized the open sites */
            rt_snprintf(hex, sizeof hex, "0x%lx", (unsigned long)o.pc);
            site = hex;
        }
        struct xo_buf b = {.data = scratch, .cap = sizeof scratch};
        struct xo_rec r;
        xo_rec_begin_direct(&r, &b);
        int hold = o.what == OPEN_HOLD;
        xo_ev(&r, 'X', hold ? "lock" : "wait", hold ? "lock held" : wait_name(o.what), x->tid,
              o.begin);
        xo_ev_dur(&r, now > o.begin ? now - o.begin : 1);
        xo_args(&r);
        if (hold)
            xo_arg_hex(&r, "lock", o.obj);
        else
            wait_args(&r, &o);
        xo_arg_str(&r, "at", site);
        xo_arg_bool(&r, "unfinished", 1);
        labels_arg(&r, x->t);
        xo_args_end(&r);
        xo_ev_end(&r);
        xo_rec_end_locked(&r);
    }
}

/* Symbolize the sites of open waits and holds first: symbolizing takes
 * exectrace_sym's lock and the symbolizer's, never waited for under the
 * file lock or threads_lock (fork takes them in that order: xs_fork_prepare
 * first). */
static void symbolize_open_sites(void)
{
    uint32_t n = 0, cap = 0;
    uintptr_t *pcs = 0;
    rt_lock_acquire(&threads_lock);
    for (uint32_t s = 0; s < threads_top; s++) {
        struct xt_thread *x = threads[s];
        uint32_t k = x ? __atomic_load_n(&x->nopen, __ATOMIC_ACQUIRE) : 0;
        for (uint32_t i = 0; i < k && i < XT_OPEN_MAX; i++) {
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                pcs = rt_realloc(pcs, cap * sizeof *pcs);
            }
            pcs[n++] = x->open[i].pc;
        }
    }
    rt_lock_release(&threads_lock);
    for (uint32_t i = 0; i < n; i++) {
        unsigned flags;
        xs_site(pcs[i], &flags);
    }
    rt_free(pcs);
}

static void xt_fini(void)
{
    if (xo_stopped)
        return;
    symbolize_open_sites();
    if (xo_close_begin() != 0)
        return;
    uint64_t now = xo_clock();
    rt_lock_acquire(&threads_lock);
    for (uint32_t s = 0; s < threads_top; s++) {
        struct xt_thread *x = threads[s];
        if (!x)
            continue;
        xo_flush_locked(&x->buf);
        emit_unfinished_locked(x, max64(now, __atomic_load_n(&x->last, __ATOMIC_RELAXED) + 1));
        update_track_name(x, 1);
    }
    rt_lock_release(&threads_lock);
    xo_close_end();
}

static void fork_prepare(void)
{
    xs_fork_prepare();
    xo_fork_prepare();
    rt_lock_acquire(&threads_lock);
}

static void fork_parent(void)
{
    rt_lock_release(&threads_lock);
    xo_fork_parent();
    xs_fork_done();
}

/* The program's name (comm), read early: at start-up libc's own copy of
 * argv[0] may not be set yet. */
static const char *process_name(void)
{
    static char name[32];
    long fd = syscall(SYS_openat, AT_FDCWD, "/proc/self/comm", O_RDONLY | O_CLOEXEC);
    long n = fd >= 0 ? syscall(SYS_read, fd, name, sizeof name - 1) : -1;
    if (fd >= 0)
        syscall(SYS_close, fd);
    name[n > 0 ? n : 0] = 0;
    if (n > 0 && name[n - 1] == '\n')
        name[n - 1] = 0;
    return name;
}

/* The child has one thread, the forking one: every other state goes, its
 * own starts an empty buffer in the child's own file. */
static void fork_child(void)
{
    struct crace_thread *self = crace_cur;
    struct xt_thread *mine = 0;
    for (uint32_t s = 0; s < threads_top; s++) {
        struct xt_thread *x = threads[s];
        if (!x)
            continue;
        if (x->t == self) {
            mine = x;
            continue;
        }
        threads[s] = 0;
        xo_buf_free(&x->buf);
        rt_free(x);
    }
    xw_after_fork();
    xo_after_fork(process_name());
    if (mine) {
        mine->buf.len = mine->buf.done = 0;
        mine->tid = (uint32_t)syscall(SYS_gettid);
        write_track_name(mine, 0);
    }
    rt_lock_release(&threads_lock);
    xs_fork_done();
}

static int xt_on(void)
{
    return opt_trace_path != 0;
}

static void xt_init(void)
{
    threads = rt_map(CELL_MAX_SLOTS * sizeof *threads);
    xw_init();
    if (xo_open(opt_trace_path, (uint64_t)opt_trace_max_mb << 20, process_name()) != 0)
        rt_die("cannot open trace_path '%s': %s", opt_trace_path, strerror(errno));
    pthread_atfork(fork_prepare, fork_parent, fork_child);
}

const struct ev_tool exectrace_tool = {
    .name = "exectrace",
    .on = xt_on,
    .init = xt_init,
    .wait_begin = xt_wait_begin,
    .wait_end = xt_wait_end,
    .lock_taken = xt_lock_taken,
    .lock_released = xt_lock_released,
    .thread_created = xt_thread_created,
    .thread_started = xt_thread_started,
    .thread_finished = xt_thread_finished,
    .fini = xt_fini,
    .wake = xt_wake,
    .report = xt_report,
};
