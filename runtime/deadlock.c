/*
 * deadlock.c - deadlock detection (deadlock.h): the tool's events, the
 * watchdog's periodic check, and the DEADLOCK report.
 *
 * Nothing is added to the lock path: the waits themselves are already
 * published by the core (events.h: t->wait, with a sequence number that
 * moves at every begin and end; t->held, the locks a thread holds). Every
 * tick of the watchdog (watchdog.c, 10 a second) the check copies the
 * registry (dump_take) and looks at the threads in untimed waits:
 *
 *  - A wait-for cycle. A thread blocked on a lock waits for every thread
 *    holding it in a conflicting mode (a reader only for writers), itself
 *    included (a non-recursive mutex locked again, a read lock "upgraded"
 *    to a write lock); a joiner for the thread it joins. A thread in a
 *    wait cannot release a lock or finish, so a cycle of such waits never
 *    breaks. The held sets
 *    only ever under-state what a thread holds (an entry is added after
 *    the real lock call returns and removed before the real unlock), so a
 *    cycle seen in one consistent copy is real; it is still reported only
 *    once the same threads were seen in the same waits (same sequence
 *    numbers) for CYCLE_CONFIRM_MS and the kernel shows each asleep,
 *    having not run meanwhile (context switch counts unchanged), which
 *    also rules out programs that unlock a mutex from a thread that does
 *    not own it.
 *  - Every live thread blocked. Reported after ALL_CONFIRM_MS without any
 *    change, and only when nothing outside crace's view could still wake
 *    one: every task in /proc/self/task is a thread crace knows (or the
 *    watchdog), all asleep and not having run; no handler is installed for
 *    an asynchronous signal (a handler may post a semaphore); no object
 *    waited on lies in a shared mapping (another process may post or
 *    unlock it). A timed wait is never a deadlock, and a thread in I/O or
 *    sleep is not in a wait crace understands: either makes the state
 *    "not all blocked".
 *
 * A join cycle is certain when the join begins (a thread joining itself,
 * or a thread that is joining it), so it is reported right there, on the
 * joining thread (glibc would return EDEADLK; other systems hang).
 *
 * Each state is reported once; deadlock=exit then ends the process with
 * the exit code (66), after the summary line.
 */
#include "deadlock.h"
#include "dump.h"
#include "options.h"
#include "report.h"
#include "report_model.h"
#include "watchdog.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CYCLE_CONFIRM_MS 200
#define ALL_CONFIRM_MS 600
#define CYCLE_MAX 64    /* threads in a cycle we report */
#define REPORTED_MAX 64 /* states remembered as reported */

/* --- what was seen, what is being confirmed --- */

/* A task as the kernel shows it. */
struct task_info {
    pid_t tid;
    char state;        /* 'S' asleep, 'R' running, 'Z' zombie, ... */
    int spinning;      /* a thread crace sees in pthread_spin_lock: it runs, stuck */
    int unknown;       /* /proc could not tell (not mounted): a cycle goes without */
    uint64_t switches; /* voluntary + involuntary context switches */
};

/* A state under confirmation: threads (uid, sequence number of their wait),
 * since when, and their tasks as the kernel showed them then. */
struct pending {
    int active;
    uint32_t n;
    uint32_t *uid, *seq;
    uintptr_t *obj; /* cycle: the lock each waits for (0: a join) */
    uint64_t hash, since_ms;
    uint32_t ntasks;
    struct task_info *tasks;
};

static struct pending cycle_pending, all_pending; /* the watchdog's */
/* Set once the watchdog was asked for (every wait tests it); a fork child
 * starts without. */
static int watchdog_asked;
static uint64_t reported[REPORTED_MAX]; /* hashes of states reported */
static uint32_t nreported;
static rt_lock reported_lock;

static uint64_t state_hash(int cycle, uint32_t n, const uint32_t *uid, const uint32_t *seq)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)cycle;
    for (uint32_t i = 0; i < n; i++) {
        h = (h ^ uid[i]) * 1099511628211ull;
        h = (h ^ seq[i]) * 1099511628211ull;
    }
    return h;
}

static int was_reported(uint64_t hash)
{
    int seen = 0;
    rt_lock_acquire(&reported_lock);
    for (uint32_t i = 0; i < nreported && i < REPORTED_MAX && !seen; i++)
        seen = reported[i] == hash;
    rt_lock_release(&reported_lock);
    return seen;
}

/* Note the state as reported; 0 if it already was. */
static int first_report(uint64_t hash)
{
    int first = 1;
    rt_lock_acquire(&reported_lock);
    for (uint32_t i = 0; i < nreported && i < REPORTED_MAX && first; i++)
        first = reported[i] != hash;
    if (first)
        reported[nreported++ % REPORTED_MAX] = hash;
    rt_lock_release(&reported_lock);
    return first;
}

static void pending_clear(struct pending *p)
{
    rt_free(p->uid);
    rt_free(p->tasks);
    rt_memset(p, 0, sizeof *p);
}

static void pending_set(struct pending *p, uint32_t n, const uint32_t *uid, const uint32_t *seq,
                        const uintptr_t *obj, uint64_t hash, uint64_t now)
{
    pending_clear(p);
    p->active = 1;
    p->n = n;
    p->uid = rt_alloc(n * (2 * sizeof(uint32_t) + sizeof(uintptr_t)) + 16);
    p->seq = p->uid + n;
    p->obj = (uintptr_t *)(((uintptr_t)(p->seq + n) + 7) & ~(uintptr_t)7);
    rt_memcpy(p->uid, uid, n * sizeof *uid);
    rt_memcpy(p->seq, seq, n * sizeof *seq);
    if (obj)
        rt_memcpy(p->obj, obj, n * sizeof *obj);
    p->hash = hash;
    p->since_ms = now;
}

void deadlock_after_fork(void)
{
    watchdog_asked = 0;
    rt_memset(&cycle_pending, 0, sizeof cycle_pending); /* the parent's memory: left */
    rt_memset(&all_pending, 0, sizeof all_pending);
    reported_lock.locked = 0;
}

/* --- /proc --- */

/* Read a whole (small) file with raw system calls; returns its length, -1. */
static long read_file(const char *path, char *buf, size_t cap)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t len = 0;
    for (;;) {
        long n = syscall(SYS_read, fd, buf + len, cap - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == cap - 1)
            break;
    }
    syscall(SYS_close, fd);
    buf[len] = 0;
    return (long)len;
}

/* The number after "key:" in /proc status text, or 0. */
static uint64_t status_field(const char *text, const char *key, int base)
{
    const char *p = strstr(text, key);
    if (!p)
        return 0;
    p += strlen(key);
    while (*p == ' ' || *p == '\t')
        p++;
    return strtoull(p, 0, base);
}

static int task_read(pid_t tid, struct task_info *out)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/self/task/%d/status", (int)tid);
    if (read_file(path, buf, sizeof buf) <= 0)
        return 0;
    const char *st = strstr(buf, "State:");
    out->tid = tid;
    out->state = st ? st[6 + strspn(st + 6, " \t")] : '?';
    out->switches = status_field(buf, "voluntary_ctxt_switches:", 10) +
                    status_field(buf, "nonvoluntary_ctxt_switches:", 10);
    return 1;
}

/* Every task of the process but the watchdog, with its state; the count,
 * -1 on failure. */
static long list_tasks(struct task_info **out)
{
    *out = 0;
    int fd =
        (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    uint32_t n = 0, cap = 16;
    struct task_info *t = rt_alloc(cap * sizeof *t);
    char buf[4096];
    long got;
    while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < got;) {
            struct dirent64 *e = (struct dirent64 *)(buf + off);
            off += e->d_reclen;
            pid_t tid = (pid_t)atoi(e->d_name);
            if (tid <= 0 || tid == watchdog_tid())
                continue;
            if (n == cap) {
                cap *= 2;
                t = rt_realloc(t, cap * sizeof *t);
            }
            if (task_read(tid, &t[n]))
                n++;
        }
    }
    syscall(SYS_close, fd);
    *out = t;
    return got < 0 ? -1 : (long)n;
}

/* Is the task asleep in the kernel (or spinning on a spin lock, which
 * never sleeps)? */
static int settled(const struct task_info *t)
{
    return t->state == 'S' || t->spinning || t->unknown;
}

/* Did nothing run? Each task of `before` is still there, asleep, with the
 * same context switch count (a spinning one: still there). */
static int tasks_still(const struct task_info *before, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        struct task_info now;
        if (before[i].state == 'Z' || before[i].unknown)
            continue;
        if (!task_read(before[i].tid, &now))
            return 0;
        if (!before[i].spinning && (now.state != 'S' || now.switches != before[i].switches))
            return 0;
    }
    return 1;
}

/* The snapshot thread running as task tid, or NULL. */
static const struct dump_thread *thread_of_task(const struct dump_snapshot *s, pid_t tid)
{
    for (uint32_t k = 0; k < s->n; k++)
        if (!s->t[k].finished && s->t[k].tid == tid)
            return &s->t[k];
    return 0;
}

/*
 * Could a signal handler still wake a thread? A handler for any signal but
 * the faults (which a sleeping process does not raise), glibc's internal
 * ones (32, 33) and our dump signal (while the handler is still ours).
 */
static int async_handlers(void)
{
    char buf[4096];
    if (read_file("/proc/self/status", buf, sizeof buf) <= 0)
        return 1;
    uint64_t caught = status_field(buf, "SigCgt:", 16);
    static const int ignored[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP,
                                  SIGABRT, SIGSYS, 32,     33};
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        caught &= ~(1ull << (ignored[i] - 1));
    if (dump_signal_handled())
        caught &= ~(1ull << (opt_dump_signal - 1));
    return caught != 0;
}

/* Does a shared mapping (another process may use it) hold one of addrs? */
static int in_shared_mapping(const uintptr_t *addrs, uint32_t n)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 1;
    char buf[8192];
    size_t have = 0;
    int found = 0;
    for (;;) {
        long got = syscall(SYS_read, fd, buf + have, sizeof buf - 1 - have);
        if (got <= 0)
            break;
        have += (size_t)got;
        buf[have] = 0;
        char *line = buf, *nl;
        while ((nl = strchr(line, '\n'))) {
            *nl = 0;
            unsigned long lo, hi;
            char perms[8];
            if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && perms[3] == 's')
                for (uint32_t i = 0; i < n; i++)
                    found |= addrs[i] >= lo && addrs[i] < hi;
            line = nl + 1;
        }
        have = (size_t)(buf + have - line);
        rt_memmove(buf, line, have);
        if (have == sizeof buf - 1)
            have = 0; /* a line longer than the buffer: a path, skip it */
    }
    syscall(SYS_close, fd);
    return found;
}

/* --- the wait-for graph --- */

/* A lock held, for finding holders: sorted by address. */
struct holding {
    uintptr_t addr;
    uint32_t who; /* snapshot index */
    int read;
};

static int by_addr(const void *a, const void *b)
{
    uintptr_t x = ((const struct holding *)a)->addr, y = ((const struct holding *)b)->addr;
    return x < y ? -1 : x > y;
}

struct graph {
    const struct dump_snapshot *s;
    struct holding *h;
    uint32_t nh;
};

static void graph_build(struct graph *g, const struct dump_snapshot *s)
{
    g->s = s;
    g->nh = 0;
    uint32_t cap = 0;
    for (uint32_t i = 0; i < s->n; i++)
        cap += s->t[i].finished ? 0 : s->t[i].held.n;
    g->h = rt_alloc((cap + 1) * sizeof *g->h);
    for (uint32_t i = 0; i < s->n; i++)
        for (uint32_t k = 0; !s->t[i].finished && k < s->t[i].held.n; k++) {
            uintptr_t e = s->t[i].held.e[k];
            g->h[g->nh++] = (struct holding){e & ~HELD_READ, i, (e & HELD_READ) != 0};
        }
    qsort(g->h, g->nh, sizeof *g->h, by_addr);
}

#define EDGES_MAX 64

static int is_lock(int kind)
{
    return kind == EV_WAIT_MUTEX || kind == EV_WAIT_RDLOCK || kind == EV_WAIT_WRLOCK ||
           kind == EV_WAIT_SPIN;
}

/*
 * The threads thread i waits for (snapshot indices, into out; at most
 * max), each itself blocked: only they can be on a cycle. A lock held by
 * more threads than its kind allows (a mutex two threads think they hold:
 * an unlock by a non-owner) gives none.
 */
static uint32_t edges(const struct graph *g, uint32_t i, uint32_t *out, uint32_t max)
{
    const struct dump_thread *d = &g->s->t[i];
    uint32_t n = 0;
    if (!dump_blocked(d))
        return 0;
    if (d->wait.kind == EV_WAIT_JOIN) {
        for (uint32_t k = 0; d->joined_known && k < g->s->n; k++)
            if (g->s->t[k].uid == d->joined_uid && dump_blocked(&g->s->t[k]) && k != i)
                out[n++] = k;
        return n;
    }
    if (!is_lock(d->wait.kind))
        return 0;
    uint32_t lo = 0, hi = g->nh;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->h[mid].addr < d->wait.obj)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* distinct holders (a recursive lock's levels count once); the thread
     * itself among them: asleep on a lock it holds, it relocks a
     * non-recursive one (a recursive relock or an error-checking one never
     * sleeps, and the confirmation waits for it to stay asleep) */
    uint32_t who[EDGES_MAX], nwho = 0, writers = 0;
    for (uint32_t k = lo; k < g->nh && g->h[k].addr == d->wait.obj; k++) {
        const struct holding *h = &g->h[k];
        uint32_t j = 0;
        while (j < nwho && who[j] != h->who)
            j++;
        if (j < nwho || nwho == EDGES_MAX)
            continue; /* seen */
        who[nwho++] = h->who;
        writers += !h->read;
        if (d->wait.kind == EV_WAIT_RDLOCK && h->read)
            continue; /* readers do not block a reader */
        if (dump_blocked(&g->s->t[h->who]) && n < max)
            out[n++] = h->who;
    }
    int exclusive = d->wait.kind == EV_WAIT_MUTEX || d->wait.kind == EV_WAIT_SPIN;
    if ((exclusive && nwho > 1) || writers > 1 || (writers && nwho > writers))
        return 0; /* more holders than the lock allows: the held sets are stale */
    return n;
}

/* Depth-first search for a cycle through blocked threads; fills cyc with
 * snapshot indices in wait order and returns its length, 0 if none. */
static uint32_t find_cycle(const struct graph *g, uint32_t *cyc)
{
    uint32_t n = g->s->n;
    uint8_t *color = rt_alloc(n + 1); /* 0 new, 1 on the path, 2 done */
    uint32_t *path = rt_alloc((n + 1) * sizeof *path);
    uint32_t *next = rt_alloc((n + 1) * sizeof *next); /* next edge to try per depth */
    uint32_t found = 0, out[EDGES_MAX];
    for (uint32_t root = 0; root < n && !found; root++) {
        if (color[root] || !dump_blocked(&g->s->t[root]))
            continue;
        uint32_t depth = 0;
        path[0] = root;
        next[0] = 0;
        color[root] = 1;
        while (depth < n && !found) {
            uint32_t v = path[depth];
            uint32_t ne = edges(g, v, out, EDGES_MAX);
            if (next[depth] >= ne) {
                color[v] = 2;
                if (depth == 0)
                    break;
                depth--;
                continue;
            }
            uint32_t w = out[next[depth]++];
            if (color[w] == 1) { /* back to the path: the cycle is w .. v */
                uint32_t from = 0;
                while (path[from] != w)
                    from++;
                for (uint32_t k = from; k <= depth && found < CYCLE_MAX; k++)
                    cyc[found++] = path[k];
                if (depth - from + 1 > CYCLE_MAX)
                    found = 0; /* too long to report: keep looking */
            } else if (color[w] == 0) {
                color[w] = 1;
                path[++depth] = w;
                next[depth] = 0;
            }
        }
    }
    rt_free(color);
    rt_free(path);
    rt_free(next);
    return found;
}

/* --- the report --- */

struct job {
    int cycle; /* 1: a wait-for cycle, in order; 0: all threads blocked */
    uint32_t n;
    const uint32_t *uid, *seq;
    const uintptr_t *obj; /* cycle: the lock each waits for (0: a join) */
    int printed;
};

/* Snapshot index of each (uid, seq) of the job, all still in the same
 * wait; 0 if one has moved on. */
static int locate(const struct dump_snapshot *s, const struct job *j, uint32_t *idx)
{
    for (uint32_t i = 0; i < j->n; i++) {
        uint32_t k = 0;
        while (k < s->n && s->t[k].uid != j->uid[i])
            k++;
        if (k == s->n || !dump_blocked(&s->t[k]) || s->t[k].wait.seq != j->seq[i])
            return 0;
        idx[i] = k;
    }
    return 1;
}

/* Main first, then by thread number (the order of the job's uids is the
 * snapshot's: newest first). */
static void sort_by_uid(const struct dump_snapshot *s, uint32_t *idx, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t k = i; k > 0 && s->t[idx[k - 1]].uid > s->t[idx[k]].uid; k--) {
            uint32_t x = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = x;
        }
}

static void report_job(void *arg)
{
    struct job *j = arg;
    struct dump_snapshot s = {0};
    dump_take(&s, 1);
    uint32_t *idx = rt_alloc((j->n + 1) * sizeof *idx);
    if (locate(&s, j, idx)) {
        if (!j->cycle)
            sort_by_uid(&s, idx, j->n);
        int suppressed = 0;
        struct dump_select sel = {.idx = idx,
                                  .n = j->n,
                                  .group = !j->cycle,
                                  .origins = 1,
                                  .kind = REPORT_DEADLOCK,
                                  .suppressed = &suppressed};
        struct crace_report r = {0};
        r.kind = REPORT_DEADLOCK;
        dump_gather(&r, &s, &sel);
        if (j->cycle) {
            r.ncycle = j->n;
            r.cycle = report_model_alloc(&r, j->n * sizeof *r.cycle);
            for (uint32_t i = 0; i < j->n; i++)
                r.cycle[i] = (struct report_cycle_step){i, dump_mutex_id(&r, j->obj[i])};
        }
        j->printed = report_print(&r, suppressed);
        report_model_free(&r);
    }
    rt_free(idx);
    dump_free(&s);
}

/* Flush the program's stdout and stderr unless a thread holds their lock
 * (a deadlocked thread may: waiting for it would hang the exit). */
static void flush_unlocked(FILE *f)
{
    if (ftrylockfile(f) == 0) {
        fflush(f);
        funlockfile(f);
    }
}

/* Report the state (once); with deadlock=exit, end the process. */
static void report_state(struct job *j, uint64_t hash)
{
    if (!first_report(hash))
        return;
    struct crace_thread *self = crace_cur;
    /* the watchdog (always in runtime mode) reports as no program thread */
    report_call(self && self->in_rt ? 0 : self, report_job, j);
    if (!j->printed || opt_deadlock != DEADLOCK_EXIT)
        return;
    struct crace_thread *t = crace_cur;
    if (t)
        t->in_rt++; /* for good: the process ends here */
    report_summary();
    flush_unlocked(stdout);
    flush_unlocked(stderr);
    _exit(opt_exitcode);
}

/* --- the watchdog's check --- */

/* The wait-for cycle in s, if any, confirmed over CYCLE_CONFIRM_MS. */
static void check_cycle(const struct dump_snapshot *s, uint64_t now)
{
    struct graph g;
    graph_build(&g, s);
    uint32_t cyc[CYCLE_MAX];
    uint32_t n = find_cycle(&g, cyc);
    rt_free(g.h);
    if (!n) {
        pending_clear(&cycle_pending);
        return;
    }
    uint32_t uid[CYCLE_MAX], seq[CYCLE_MAX], first = 0;
    uintptr_t obj[CYCLE_MAX];
    for (uint32_t i = 1; i < n; i++) /* start at its oldest thread: one state, one hash */
        if (s->t[cyc[i]].uid < s->t[cyc[first]].uid)
            first = i;
    for (uint32_t i = 0; i < n; i++) {
        const struct dump_thread *d = &s->t[cyc[(first + i) % n]];
        uid[i] = d->uid;
        seq[i] = d->wait.seq;
        obj[i] = d->wait.kind == EV_WAIT_JOIN ? 0 : d->wait.obj;
    }
    uint64_t hash = state_hash(1, n, uid, seq);
    struct pending *p = &cycle_pending;
    if (was_reported(hash))
        return;
    if (!p->active || p->hash != hash) {
        pending_set(p, n, uid, seq, obj, hash, now);
        p->tasks = rt_alloc(n * sizeof *p->tasks);
        for (uint32_t i = 0; i < n; i++) {
            const struct dump_thread *d = &s->t[cyc[(first + i) % n]];
            p->tasks[i].unknown = !task_read(d->tid, &p->tasks[i]);
            p->tasks[i].spinning = d->wait.kind == EV_WAIT_SPIN;
        }
        p->ntasks = n;
        return;
    }
    if (now - p->since_ms < CYCLE_CONFIRM_MS)
        return;
    int asleep = 1;
    for (uint32_t i = 0; i < p->ntasks; i++)
        asleep &= settled(&p->tasks[i]);
    if (!asleep || !tasks_still(p->tasks, p->ntasks) || in_shared_mapping(p->obj, p->n)) {
        pending_clear(p); /* not settled: look again from scratch */
        return;
    }
    struct job j = {1, p->n, p->uid, p->seq, p->obj, 0};
    report_state(&j, hash);
    pending_clear(p);
}

/* Is every task a thread of the snapshot (or a zombie: a main thread that
 * left through pthread_exit), none of them running? */
static int tasks_known_asleep(const struct dump_snapshot *s, struct task_info *tasks, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (tasks[i].state == 'Z')
            continue;
        const struct dump_thread *d = thread_of_task(s, tasks[i].tid);
        if (!d)
            return 0;
        tasks[i].spinning = d->wait.kind == EV_WAIT_SPIN;
        if (!settled(&tasks[i]))
            return 0;
    }
    return 1;
}

/* Every live thread of s blocked, confirmed over ALL_CONFIRM_MS. */
static void check_all_blocked(const struct dump_snapshot *s, uint64_t now)
{
    uint32_t live = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->t[i].finished)
            continue;
        if (!dump_blocked(&s->t[i]) || !s->t[i].tid) {
            pending_clear(&all_pending);
            return;
        }
        live++;
    }
    if (!live)
        return;
    uint32_t *uid = rt_alloc(2 * live * sizeof *uid), *seq = uid + live, n = 0;
    uintptr_t *objs = rt_alloc(2 * live * sizeof *objs);
    for (uint32_t i = 0; i < s->n; i++) {
        if (s->t[i].finished)
            continue;
        uid[n] = s->t[i].uid;
        seq[n] = s->t[i].wait.seq;
        objs[2 * n] = s->t[i].wait.obj;
        objs[2 * n + 1] = s->t[i].wait.kind == EV_WAIT_COND ? s->t[i].wait.aux : 0;
        n++;
    }
    uint64_t hash = state_hash(0, n, uid, seq);
    struct pending *p = &all_pending;
    if (was_reported(hash)) {
        /* nothing more to say about this state */
    } else if (!p->active || p->hash != hash) {
        pending_set(p, n, uid, seq, 0, hash, now);
        long nt = list_tasks(&p->tasks);
        p->ntasks = nt < 0 ? 0 : (uint32_t)nt;
        if (nt < 0 || !tasks_known_asleep(s, p->tasks, p->ntasks))
            pending_clear(p); /* not settled yet: start over at the next tick */
    } else if (now - p->since_ms >= ALL_CONFIRM_MS) {
        struct task_info *tasks;
        long nt = list_tasks(&tasks);
        int quiet = nt == (long)p->ntasks && tasks_known_asleep(s, tasks, (uint32_t)nt) &&
                    tasks_still(p->tasks, p->ntasks) && !async_handlers() &&
                    !in_shared_mapping(objs, 2 * n);
        rt_free(tasks);
        if (quiet) {
            struct job j = {0, p->n, p->uid, p->seq, 0, 0};
            report_state(&j, hash);
        }
        pending_clear(p);
    }
    rt_free(uid);
    rt_free(objs);
}

void deadlock_tick(uint64_t now_ms)
{
    static struct dump_snapshot s; /* the watchdog's, reused */
    dump_take(&s, 0);
    dump_stamp_waits(&s, now_ms);
    check_cycle(&s, now_ms);
    check_all_blocked(&s, now_ms);
}

/* --- events --- */

/*
 * A join that closes a cycle of joins: t joins itself, or a thread that is
 * (through a chain of joins) joining t. Walked under the registry lock, so
 * no record on the chain is freed meanwhile (a thread being joined is not
 * released before its join).
 */
static void check_join(struct crace_thread *t)
{
    uint32_t uid[CYCLE_MAX], seq[CYCLE_MAX];
    uintptr_t obj[CYCLE_MAX] = {0};
    uint32_t n = 0;
    int closed = 0;
    const struct crace_thread *target = (const struct crace_thread *)t->wait.aux;
    if (target != t &&
        (!target || __atomic_load_n(&target->wait.kind, __ATOMIC_ACQUIRE) != EV_WAIT_JOIN))
        return; /* the usual join: of a thread that joins nobody */
    thread_lock_registry();
    for (struct crace_thread *x = t; x && n < CYCLE_MAX;) {
        uid[n] = x->uid;
        seq[n++] = __atomic_load_n(&x->wait.seq, __ATOMIC_ACQUIRE);
        if (__atomic_load_n(&x->wait.kind, __ATOMIC_ACQUIRE) != EV_WAIT_JOIN ||
            (x->wait.flags & EV_TIMED) || __atomic_load_n(&x->finished, __ATOMIC_ACQUIRE))
            break;
        x = (struct crace_thread *)__atomic_load_n(&x->wait.aux, __ATOMIC_RELAXED);
        closed = x == t;
        if (closed)
            break;
    }
    thread_unlock_registry();
    if (!closed)
        return;
    struct job j = {1, n, uid, seq, obj, 0};
    report_state(&j, state_hash(1, n, uid, seq));
}

/*
 * Before the program has a second thread the watchdog is only started by
 * a wait that cannot end without help from elsewhere: a condition wait, a
 * join, a lock the thread already holds, a semaphore at 0, a barrier for
 * more than one thread, a pthread_once whose initializer is running (the
 * last three read as glibc lays them out, as the interceptors do). A
 * single-threaded program that takes free locks, posted semaphores and
 * finished onces never gets one.
 */
static int may_hang_alone(const struct crace_thread *t)
{
    const struct thread_wait *w = &t->wait;
    if (w->flags & EV_TIMED)
        return 0;
    switch (w->kind) {
    case EV_WAIT_SEM: /* struct new_sem: 64-bit data, the value in its low half */
        return (uint32_t) * (const volatile uint64_t *)w->obj == 0;
    case EV_WAIT_BARRIER: /* its third word: the count of threads */
        return ((const volatile unsigned *)w->obj)[2] > 1;
    case EV_WAIT_ONCE: /* __PTHREAD_ONCE_INPROGRESS */
        return (*(const volatile int *)w->obj & 3) == 1;
    case EV_WAIT_COND:
    case EV_WAIT_JOIN:
        return 1;
    default: /* a lock */
        for (uint32_t i = 0; i < t->held.n; i++)
            if ((t->held.e[i] & ~HELD_READ) == w->obj)
                return 1;
        return 0;
    }
}

static void ask_watchdog(void)
{
    watchdog_start();
    __atomic_store_n(&watchdog_asked, 1, __ATOMIC_RELAXED);
}

static void on_wait_begin(struct crace_thread *t)
{
    if (unlikely(t->wait.kind == EV_WAIT_JOIN) && !(t->wait.flags & EV_TIMED))
        check_join(t);
    if (unlikely(!__atomic_load_n(&watchdog_asked, __ATOMIC_RELAXED)) && may_hang_alone(t))
        ask_watchdog();
}

static void on_thread_created(struct crace_thread *parent, struct crace_thread *child)
{
    (void)parent;
    (void)child;
    ask_watchdog();
}

static void on_thread_started(struct crace_thread *t)
{
    if (t->uid != 0)
        ask_watchdog(); /* a thread nobody saw created */
}

static int deadlock_on(void)
{
    return opt_deadlock != DEADLOCK_IGNORE;
}

const struct ev_tool deadlock_tool = {
    .name = "deadlock",
    .on = deadlock_on,
    .wait_begin = on_wait_begin,
    .thread_created = on_thread_created,
    .thread_started = on_thread_started,
};
