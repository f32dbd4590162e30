/*
 * thread.c - the thread registry: thread records, slots (identity in shadow
 * cells and clocks, with their history rings), creation/start/finish/join
 * bookkeeping, the epoch tick, and what finished threads may keep.
 *
 * Locking: reg_lock guards the slot table, the free-slot list, the thread
 * lists, the retired list and the pthread_t map. A thread's hot fields
 * (thread.h) are only written by the thread itself. Records are freed with
 * the report lock held as well (taken first: lock order report, registry),
 * so a report can read the record thread_at gave it.
 *
 * Which slot a new thread gets (slot_take):
 *
 *  1. A free slot whose last owner happens before the creator: the last
 *     epoch at which that owner may have left a shadow cell (cells_epoch:
 *     its final epoch, or the one before when it made no access after its
 *     last release, e.g. a worker whose last act was an unlock or a
 *     semaphore post) is in the creator's clock. The new owner continues
 *     the slot's epoch sequence, so its accesses look ordered after the old
 *     owner's, and so do those of any thread synchronizing with it: both
 *     are true, through the creator. Exact.
 *  2. Otherwise a fresh slot, while fewer than SLOT_FRESH_MIN exist, or
 *     fewer than twice the threads running.
 *  3. Otherwise the slot that has been free longest, though the creator is
 *     not ordered after its last owner (typically detached threads nobody
 *     waits for). The new owner knows what its creator knew of the slot
 *     (pred_known) and learns more only through its acquires
 *     (thread_acquire), and a cell of its slot with an epoch below its
 *     start epoch is its predecessor's: access.c checks its accesses
 *     against those cells exactly, so a race between the old and the new
 *     owner is found. What remains is a third thread that synchronizes
 *     with the new owner (a lock, an atomic, joining it): its clock entry for the slot then holds
 * the new owner's epoch, which is above every epoch of the old owner, so its accesses look ordered
 * after the old owner's cells even where they are not. One number per slot per clock cannot say
 * "after the new owner, not after the old one"; saying it would take a second entry per slot in
 * every clock (or joins that know slot generations), on every acquire and release of every program.
 * So a race between a dead, never-awaited thread and a thread that later synchronized with its
 *     slot's next owner can be missed while the dead thread's cell is still
 *     in shadow, unless the cell is at an orphaned epoch (orphan.h: a
 *     detached thread's accesses after its last release, the common case,
 *     are found). It is never invented (the error is on the side of "ordered"),
 *     and step 3 only runs once that many slots exist, taking the slot
 *     free longest (its old cells are the likeliest to be overwritten).
 *  4. With all 65,536 slots held by running threads, the runtime stops
 *     with a message.
 *
 * What a finished thread keeps: its clock until it is released (joined, or
 * finished while detached); then its record (name, creation stack, epochs)
 * stays for reports among the last RECORDS_KEPT released ones and is freed
 * after that. thread_at matches a cell's epoch against each incarnation's
 * exact [start, final] epochs, so a report about a thread whose record is
 * gone says "an unknown thread" and has no stack for it, never another
 * thread's name. Slot rings are per slot, shrunk when a slot changes owner
 * once it holds more than its share of HISTORY_BUDGET (trim_history), and
 * pthread_t map entries go at release. So a program that runs a million
 * short detached threads, a hundred at a time, keeps a few hundred slots,
 * at most RECORDS_KEPT + RECORDS_BATCH records and bounded rings.
 */

#include "thread.h"
#include "events.h"
#include "heap.h"
#include "options.h"
#include "orphan.h"
#include "report.h"
#include "rt_uthash.h"
#include "shadow.h"
#include "sync.h"

#include <dlfcn.h>
#include <limits.h>
#include <sys/syscall.h>
#include <unistd.h>

__thread struct crace_thread *crace_cur __attribute__((tls_model("initial-exec")));
/* Set when the thread finished: later stray calls must not re-register it. */
static __thread int thread_dead __attribute__((tls_model("initial-exec")));

#define SLOT_SCAN_MAX 64          /* free slots looked at per creation (step 1) */
#define SLOT_FRESH_MIN 256        /* slots made before unordered reuse (step 3), */
                                  /* or twice the threads running, if more */
#define HISTORY_BUDGET (1u << 18) /* ring words all slots may hold, about (2 MiB) */
#define HISTORY_SHARE_MIN 1024    /* ring words a slot may always hold */
#define OWNER_MARKS 16
#define RECORDS_KEPT 1024    /* released records kept for reports */
#define RECORDS_BATCH 256    /* freed at once past RECORDS_KEPT */
#define CREATE_STACK_MAX 128 /* frames of a creation stack kept */
#define TICK_SCAN_MAX 1024   /* history words looked at by cells_epoch_of */

struct slot {
    struct trace trace;
    struct crace_thread *thr; /* newest incarnation whose record exists */
    uint64_t last_epoch;      /* final epoch of the newest finished incarnation */
    uint64_t cells_epoch;     /* its last epoch that may be in a shadow cell */
    /* Where the histories of its recent owners begin in the ring, and
     * their first epochs (newest at marks[nmarks - 1 mod OWNER_MARKS]). */
    struct {
        uint64_t pos, epoch;
    } marks[OWNER_MARKS];
    uint32_t nmarks;
    uint32_t next_free; /* free list link (slot index + 1, 0 = end) */
};

struct pth_entry {
    pthread_t key;
    struct crace_thread *thr;
    UT_hash_handle hh;
};

static rt_lock reg_lock;
static struct slot *slots[CELL_MAX_SLOTS]; /* guarded by reg_lock */
static uint32_t nslots;                    /* guarded by reg_lock */
static uint32_t free_head, free_tail;      /* FIFO of finished slots (index + 1) */
static uint32_t next_uid;                  /* guarded by reg_lock */
static struct crace_thread *all_threads;   /* guarded by reg_lock */
static struct pth_entry *by_pthread;       /* guarded by reg_lock */
static int running;                        /* guarded by reg_lock */
/* Released records, oldest first; guarded by reg_lock (nretired read without). */
static struct crace_thread *retired_head, *retired_tail;
static uint32_t nretired;

/* The main thread while the program never had another one (thread.h);
 * NULL afterwards. Set once at start-up, cleared once by an atomic exchange. */
static struct crace_thread *alone_main;

void thread_end_alone_phase(void)
{
    if (likely(!__atomic_load_n(&alone_main, __ATOMIC_RELAXED)))
        return;
    struct crace_thread *m = __atomic_exchange_n(&alone_main, 0, __ATOMIC_ACQ_REL);
    if (m)
        __atomic_fetch_sub(&m->ignore, THREAD_IGNORE_ALONE, __ATOMIC_RELAXED);
}

void thread_lock_registry(void)
{
    rt_lock_acquire(&reg_lock);
}
void thread_unlock_registry(void)
{
    rt_lock_release(&reg_lock);
}

/*
 * In a forked child only the forking thread exists: every other thread
 * record is finished (its slot is never reused: its accesses in shadow stay
 * attributed to it). reg_lock is held, taken before the fork.
 */
void thread_after_fork_child(struct crace_thread *self)
{
    for (struct crace_thread *t = all_threads; t; t = t->next) {
        if (t == self)
            continue;
        t->joined = 1; /* the parent's to join: the child leaks none of them */
        if (t->finished)
            continue;
        /* Whatever the vanished thread did is in the child's past. Its
         * epoch is read from `fast`, one word that is always consistent. */
        uint64_t e = cell_epoch(t->fast);
        if (e > vclock_get(&self->clock, t->slot))
            vclock_set(&self->clock, t->slot, e);
        t->final_epoch = e;
        t->finished = 1;
        running--;
    }
    self->os_tid = (pid_t)syscall(SYS_gettid);
}

/* --- slots --- */

/* Unlink free slot s, which follows `prev` (index + 1, 0 = head). */
static void free_unlink(uint32_t prev, uint32_t s)
{
    uint32_t next = slots[s]->next_free;
    if (prev)
        slots[prev - 1]->next_free = next;
    else
        free_head = next;
    if (free_tail == s + 1)
        free_tail = prev;
}

static uint32_t slot_fresh(void)
{
    uint32_t s = nslots++;
    slots[s] = rt_alloc(sizeof(struct slot));
    trace_init(&slots[s]->trace, opt_history_size);
    return s;
}

/* The slot for a thread created by the owner of clock `creator` (NULL: a
 * thread nobody created), by the rules at the top. reg_lock held. */
static uint32_t slot_take(const struct vclock *creator)
{
    uint32_t prev = 0, n = 0;
    for (uint32_t f = free_head; creator && f && n < SLOT_SCAN_MAX;
         f = slots[f - 1]->next_free, n++) {
        uint32_t s = f - 1;
        if (slots[s]->cells_epoch <= vclock_get(creator, s)) {
            free_unlink(prev, s);
            return s;
        }
        prev = f;
    }
    if (nslots < SLOT_FRESH_MIN || nslots < 2 * (uint32_t)running ||
        (!free_head && nslots < CELL_MAX_SLOTS))
        return slot_fresh();
    if (!free_head)
        rt_die("more than %u threads alive at once", CELL_MAX_SLOTS);
    uint32_t s = free_head - 1;
    free_unlink(0, s);
    return s;
}

static void slot_give_back(uint32_t s)
{
    slots[s]->next_free = 0;
    if (free_tail)
        slots[free_tail - 1]->next_free = s + 1;
    else
        free_head = s + 1;
    free_tail = s + 1;
}

/*
 * The last epoch of t that a shadow cell may hold: its final epoch, unless
 * it recorded no access since its last tick (every cell it stores follows
 * an access event in its history), when it is the epoch before.
 */
static uint64_t cells_epoch_of(const struct crace_thread *t)
{
    const struct trace *tr = t->tr;
    uint64_t end = tr->pos, m = tr->cap - 1;
    if (end - t->tick_pos > TICK_SCAN_MAX || t->final_epoch <= t->start_epoch)
        return t->final_epoch;
    for (uint64_t p = t->tick_pos; p < end;) {
        uint64_t w = tr->ring[p & m];
        if ((w & EV_TYPE_MASK) == EV_ACCESS)
            return t->final_epoch;
        p++;
    }
    return t->final_epoch - 1;
}

/* --- records --- */

/* A new record on a slot, linked everywhere. reg_lock held. */
static struct crace_thread *thread_new_locked(const struct vclock *creator)
{
    struct crace_thread *t = rt_alloc(sizeof *t);
    t->uid = next_uid++;
    t->slot = slot_take(creator);
    t->own_off = shadow_cell_offset(shadow_own_cell(cell_make(t->slot, 0))) * sizeof(uint64_t);
    struct slot *sl = slots[t->slot];
    t->tr = &sl->trace;
    t->start_epoch = sl->last_epoch + 1;
    /* What the creator knew of the slot's earlier owners (all of it in
     * steps 1, part of it or nothing in step 3). */
    uint64_t known = creator ? vclock_get(creator, t->slot) : 0;
    t->pred_known = known < sl->last_epoch ? known : sl->last_epoch;
    t->older = sl->thr;
    if (sl->thr)
        sl->thr->newer = t;
    sl->thr = t;
    t->next = all_threads;
    if (all_threads)
        all_threads->prev = t;
    all_threads = t;
    running++;
    t->stack = rt_map(THREAD_STACK_CAP * sizeof(uintptr_t));
    return t;
}

/* Forget a released record for good. Report lock and reg_lock held. */
static void thread_free_locked(struct crace_thread *t)
{
    if (t->prev)
        t->prev->next = t->next;
    else
        all_threads = t->next;
    if (t->next)
        t->next->prev = t->prev;
    if (t->newer)
        t->newer->older = t->older;
    else
        slots[t->slot]->thr = t->older;
    if (t->older)
        t->older->newer = t->newer;
    ev_thread_freed(t);
    rt_free(t->create_stack);
    vclock_free(&t->clock);
    vclock_free(&t->fence_clock);
    vclock_free(&t->fence_pending);
    rt_free(t);
}

/* Free the oldest released records beyond RECORDS_KEPT, in a batch. */
static void reap_records(void)
{
    if (__atomic_load_n(&nretired, __ATOMIC_RELAXED) <= RECORDS_KEPT + RECORDS_BATCH)
        return;
    report_fork_prepare(); /* holds the report lock: no report is reading a record */
    rt_lock_acquire(&reg_lock);
    while (nretired > RECORDS_KEPT) {
        struct crace_thread *t = retired_head;
        retired_head = t->retired;
        if (!retired_head)
            retired_tail = 0;
        nretired--;
        thread_free_locked(t);
    }
    rt_lock_release(&reg_lock);
    report_fork_done();
}

/* Signals held: a handler's accesses must not carry the new epoch while the
 * history has not said so yet (thread.h). */
void thread_tick(struct crace_thread *t)
{
    uint64_t e = t->clock.e[t->slot] + 1;
    const uint64_t w = EV_OTHER | (EVO_EPOCH << 2) | (e << 8);
    thread_signals_hold();
    t->clock.e[t->slot] = e;
    t->fast = cell_make(t->slot, e);
    trace_put_held(t, &w, 1);
    t->tick_pos = t->tr->pos;
    thread_signals_release();
}

static void pth_insert_locked(struct crace_thread *t)
{
    struct pth_entry *e;
    HASH_FIND(hh, by_pthread, &t->pth, sizeof(pthread_t), e);
    if (e) {
        e->thr = t;
        return;
    }
    e = rt_alloc(sizeof *e);
    e->key = t->pth;
    e->thr = t;
    HASH_ADD(hh, by_pthread, key, sizeof(pthread_t), e);
}

static void pth_remove_locked(struct crace_thread *t)
{
    struct pth_entry *e;
    HASH_FIND(hh, by_pthread, &t->pth, sizeof(pthread_t), e);
    if (e && e->thr == t) {
        HASH_DEL(by_pthread, e);
        rt_free(e);
    }
}

/*
 * A finished thread nobody will join or detach any more (joined, or
 * detached): its clock and pthread_t entry go, its record joins the
 * retired list once its creator is done with it. reg_lock held.
 */
static void release_locked(struct crace_thread *t)
{
    if (t->released)
        return;
    pth_remove_locked(t);
    vclock_free(&t->clock);
    if (t->spawning)
        return; /* thread_spawned retires it */
    t->released = 1;
    t->retired = 0;
    if (retired_tail)
        retired_tail->retired = t;
    else
        retired_head = t;
    retired_tail = t;
    __atomic_store_n(&nretired, nretired + 1, __ATOMIC_RELAXED);
}

static int releasable(const struct crace_thread *t)
{
    return t->finished && (t->joined || t->detached);
}

/* --- epochs and history --- */

static void thread_set_epoch(struct crace_thread *t, uint64_t epoch)
{
    vclock_set(&t->clock, t->slot, epoch);
    t->fast = cell_make(t->slot, epoch);
}

/*
 * A slot's ring grows with every owner. Once a slot holds more than its
 * share of HISTORY_BUDGET (more slots, smaller shares, down to
 * HISTORY_SHARE_MIN), its new owner shrinks the ring to its most recent
 * owners' histories that fit in half the share (history.h), so the rings
 * of a program that runs a million short threads on a few hundred slots
 * stay small. Older owners' events are gone: reports about them show no
 * stack. Runs on the new owner, the ring's only writer.
 */
static void trim_history(struct crace_thread *t, struct slot *sl)
{
    uint64_t share = HISTORY_BUDGET / __atomic_load_n(&nslots, __ATOMIC_RELAXED);
    if (share < HISTORY_SHARE_MIN)
        share = HISTORY_SHARE_MIN;
    uint64_t pos = t->tr->pos, keep = share / 2;
    if (share >= t->tr->cap || pos < share)
        return;
    if (keep > TRACE_COMPACT_MAX)
        keep = TRACE_COMPACT_MAX;
    uint64_t from = pos, epoch = 0;
    uint32_t n = sl->nmarks < OWNER_MARKS ? sl->nmarks : OWNER_MARKS;
    for (uint32_t i = 1; i <= n; i++) { /* newest first */
        uint32_t k = (sl->nmarks - i) % OWNER_MARKS;
        if (pos - sl->marks[k].pos > keep || sl->marks[k].pos > pos)
            break;
        from = sl->marks[k].pos;
        epoch = sl->marks[k].epoch;
    }
    report_fork_prepare(); /* holds the report lock: no replay reads the ring */
    trace_compact(t->tr, from, epoch);
    report_fork_done();
    /* the marks kept moved with their words */
    for (uint32_t i = 1; i <= n; i++) {
        uint32_t k = (sl->nmarks - i) % OWNER_MARKS;
        if (sl->marks[k].pos < from || sl->marks[k].pos > pos)
            sl->marks[k].pos = UINT64_MAX;
        else
            sl->marks[k].pos -= from;
    }
}

/* Begin the thread's history on its slot: empty stack, its first epoch. */
static void thread_begin_history(struct crace_thread *t)
{
    struct slot *sl = slots[t->slot];
    trim_history(t, sl);
    uint32_t k = sl->nmarks++ % OWNER_MARKS;
    sl->marks[k].pos = t->tr->pos;
    sl->marks[k].epoch = t->start_epoch;
    trace_put1(t, EV_OTHER | (EVO_STACK_RESET << 2));
    trace_put1(t, EV_OTHER | (EVO_EPOCH << 2) | (t->start_epoch << 8));
    t->tick_pos = t->tr->pos;
}

/* --- where a thread's stack and TLS are --- */

/*
 * Where a thread's stack and static TLS are (glibc, x86-64): the thread
 * descriptor (struct pthread, "TCB") starts at the thread pointer, the
 * static TLS blocks lie right below it, and the stack grows down from right
 * below those. For a thread glibc created, pthread_getattr_np reports the
 * whole block [stack bottom, end of the descriptor), TLS included; for the
 * main thread, the stack mapping only (its TLS is elsewhere).
 * _dl_get_tls_static_info gives the static TLS size *including* the
 * descriptor, which glibc publishes for debuggers as
 * _thread_db_sizeof_pthread. Both are looked up once.
 */
static size_t static_tls_bytes; /* TLS blocks only; written at start-up */

static size_t static_tls_size(void)
{
    if (!static_tls_bytes) {
        void (*info)(size_t *, size_t *) =
            (void (*)(size_t *, size_t *))(uintptr_t)dlsym(RTLD_DEFAULT, "_dl_get_tls_static_info");
        const unsigned *tcb = dlsym(RTLD_DEFAULT, "_thread_db_sizeof_pthread");
        size_t align = 0, n = 0;
        if (info)
            info(&n, &align);
        if (!n)
            n = 4096;
        if (tcb && *tcb < n)
            n -= *tcb;
        static_tls_bytes = n;
    }
    return static_tls_bytes;
}

/* Record where the calling thread's stack and static TLS are (reports say
 * "Location is stack of thread T2"). *lo_out, *hi_out: the whole block
 * glibc reports (0, 0 if none), which also holds the TLS and descriptor of
 * a thread glibc created. */
static void note_stack_and_tls(struct crace_thread *t, uintptr_t *lo_out, uintptr_t *hi_out)
{
    pthread_attr_t attr;
    void *lo;
    size_t size;
    uintptr_t tp = (uintptr_t)__builtin_thread_pointer();
    t->tls_hi = tp;
    t->tls_lo = tp - static_tls_size();
    *lo_out = *hi_out = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return;
    if (pthread_attr_getstack(&attr, &lo, &size) == 0) {
        *lo_out = (uintptr_t)lo;
        *hi_out = (uintptr_t)lo + size;
        t->stack_lo = *lo_out;
        /* The stack ends where the TLS starts when both share the block. */
        t->stack_hi = (tp > *lo_out && tp <= *hi_out) ? t->tls_lo : *hi_out;
    }
    pthread_attr_destroy(&attr);
}

static void clear_own_stack_and_tls(struct crace_thread *t)
{
    uintptr_t lo, hi;
    note_stack_and_tls(t, &lo, &hi);
    if (!hi)
        return;
    /* The stack block of a thread also holds its static TLS and the thread
     * descriptor right above the stack: memory a dead thread may have used,
     * which must look fresh to this one. */
    if (t->tls_hi > hi && t->tls_hi - hi < (16u << 20))
        hi = t->tls_hi;
    shadow_clear(lo, hi - lo);
}

int thread_owning(uintptr_t addr, uint32_t *uid, int *is_tls)
{
    int found = 0;
    rt_lock_acquire(&reg_lock);
    for (struct crace_thread *t = all_threads; t && !found; t = t->next) {
        if (addr >= t->stack_lo && addr < t->stack_hi) {
            *is_tls = 0;
            found = 1;
        } else if (addr >= t->tls_lo && addr < t->tls_hi) {
            *is_tls = 1;
            found = 1;
        }
        if (found)
            *uid = t->uid;
    }
    rt_lock_release(&reg_lock);
    return found;
}

/* --- lifecycle --- */

/*
 * A thread's end is recorded by a thread-specific-data destructor, not when
 * its function returns: the program's own TSD destructors run after that
 * and their accesses must still be checked. Ours re-arms itself so it runs
 * in the last destructor round, after the program's. Every thread the
 * runtime knows is armed when it starts or announces itself; the key is
 * made once, by the main thread at start-up.
 */
static pthread_key_t finish_key;

static void finish_at_last_round(void *arg)
{
    struct crace_thread *t = arg;
    if (++t->exit_rounds < PTHREAD_DESTRUCTOR_ITERATIONS) {
        pthread_setspecific(finish_key, t);
        return;
    }
    thread_finish(t);
}

void thread_init_main(void)
{
    if (pthread_key_create(&finish_key, finish_at_last_round) != 0)
        rt_die("cannot create a thread-specific data key");
    static_tls_size();
    rt_lock_acquire(&reg_lock);
    struct crace_thread *t = thread_new_locked(0);
    rt_lock_release(&reg_lock);
    thread_set_epoch(t, t->start_epoch);
    t->pth = pthread_self();
    t->os_tid = (pid_t)syscall(SYS_gettid);
    rt_lock_acquire(&reg_lock);
    pth_insert_locked(t);
    rt_lock_release(&reg_lock);
    crace_cur = t;
    uintptr_t lo, hi;
    note_stack_and_tls(t, &lo, &hi);
    pthread_setspecific(finish_key, t); /* main may leave by pthread_exit */
    thread_begin_history(t);
    t->ignore += THREAD_IGNORE_ALONE;
    __atomic_store_n(&alone_main, t, __ATOMIC_RELEASE);
    ev_thread_started(t);
}

/*
 * A thread the runtime did not see being created (a library or libc
 * started it through a path we do not intercept) reaches the runtime for
 * the first time: it gets a record and is checked from now on. Nobody's
 * clock orders anything before its first access: it has no happens-before
 * edge from anyone. (Registering allocates with glibc's allocator: if that
 * first contact is a signal handler that interrupted the thread inside
 * malloc, glibc's arena lock is held; such a thread is one no interceptor
 * saw created, running a handler before any instrumented code, so this is
 * left as it is.)
 */
struct crace_thread *thread_current_slow(void)
{
    if (thread_dead)
        return 0;
    if (!rt_initialized) {
        rt_init();
        return crace_cur;
    }
    thread_end_alone_phase();
    rt_lock_acquire(&reg_lock);
    struct crace_thread *t = thread_new_locked(0);
    rt_lock_release(&reg_lock);
    thread_set_epoch(t, t->start_epoch);
    thread_start(t);
    return t;
}

static void capture_stack(struct crace_thread *parent, uintptr_t pc, struct crace_thread *t)
{
    uint32_t kept = parent->depth < THREAD_STACK_CAP ? parent->depth : THREAD_STACK_CAP;
    if (kept + 1 > CREATE_STACK_MAX)
        kept = CREATE_STACK_MAX - 1;
    t->create_stack = rt_alloc((kept + 1) * sizeof(uintptr_t));
    t->create_depth = thread_stack_copy(parent, pc, t->create_stack, kept + 1);
}

struct crace_thread *thread_create(struct crace_thread *parent, uintptr_t pc, int detached)
{
    thread_end_alone_phase();
    rt_lock_acquire(&reg_lock);
    struct crace_thread *t = thread_new_locked(&parent->clock);
    t->spawning = 1;
    t->detached = detached;
    rt_lock_release(&reg_lock);
    capture_stack(parent, pc, t);
    /* Everything the parent did so far happens before the child starts. */
    vclock_copy(&t->clock, &parent->clock);
    thread_set_epoch(t, t->start_epoch);
    thread_tick(parent);
    ev_thread_created(parent, t);
    return t;
}

void thread_start(struct crace_thread *t)
{
    t->os_tid = (pid_t)syscall(SYS_gettid);
    crace_cur = t;
    t->in_rt++;
    clear_own_stack_and_tls(t);
    rt_lock_acquire(&reg_lock);
    t->pth = pthread_self();
    pth_insert_locked(t);
    rt_lock_release(&reg_lock);
    pthread_setspecific(finish_key, t);
    t->in_rt--;
    thread_begin_history(t);
    ev_thread_started(t);
}

/*
 * A thread made by raw clone() starts (intercept_clone.c): as thread_start,
 * but nothing that needs glibc's thread descriptor (pthread_self, TSD: the
 * child leaves through the clone wrapper, which calls thread_finish). Its
 * stack is the program's memory, of a size nobody told us: not located.
 */
void thread_start_raw(struct crace_thread *t, uintptr_t stack_top)
{
    (void)stack_top;
    t->os_tid = (pid_t)syscall(SYS_gettid);
    crace_cur = t;
    t->tls_hi = (uintptr_t)__builtin_thread_pointer();
    t->tls_lo = t->tls_hi - static_tls_size();
    thread_begin_history(t);
    ev_thread_started(t);
}

void thread_spawned(struct crace_thread *t, pthread_t pth)
{
    rt_lock_acquire(&reg_lock);
    t->spawning = 0;
    if (!releasable(t)) {
        t->pth = pth;
        if (pth) /* 0: a raw clone child, no pthread_t */
            pth_insert_locked(t);
    } else {
        release_locked(t); /* it finished detached meanwhile */
    }
    rt_lock_release(&reg_lock);
    reap_records();
}

void thread_discard(struct crace_thread *t)
{
    ev_thread_finished(t);
    uintptr_t *stack = t->stack;
    t->stack = 0;
    rt_lock_acquire(&reg_lock);
    if (t->uid + 1 == next_uid)
        next_uid--; /* a thread that never existed takes no T number */
    running--;
    t->finished = 1;
    t->joined = 1;
    t->spawning = 0;
    t->final_epoch = t->start_epoch;
    slots[t->slot]->last_epoch = t->final_epoch; /* cells_epoch stays: it never ran */
    slot_give_back(t->slot);
    release_locked(t);
    rt_lock_release(&reg_lock);
    rt_unmap(stack, THREAD_STACK_CAP * sizeof(uintptr_t));
}

void thread_finish(struct crace_thread *t)
{
    ev_thread_finished(t);
    /* Detach first: a signal handler running from here on must not touch
     * the record (its shadow stack is unmapped below). */
    thread_dead = 1;
    __atomic_store_n(&crace_cur, 0, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    for (int i = 0; i < THREAD_ROBUST_MAX; i++)
        if (t->robust[i]) /* dying owner of a robust mutex: see intercept_mutex.c */
            sync_release(t, t->robust[i]);
    uintptr_t *stack = t->stack;
    t->stack = 0;
    vclock_free(&t->fence_clock);
    vclock_free(&t->fence_pending);
    rt_lock_acquire(&reg_lock);
    t->final_epoch = vclock_get(&t->clock, t->slot);
    struct slot *sl = slots[t->slot];
    sl->last_epoch = t->final_epoch;
    sl->cells_epoch = cells_epoch_of(t);
    if (sl->cells_epoch == t->final_epoch)
        t->orphan_epoch = t->final_epoch;
    if (t->detached)
        orphan_add(t->slot, t->orphan_epoch); /* nobody will join it */
    running--;
    __atomic_store_n(&t->finished, 1, __ATOMIC_RELEASE);
    slot_give_back(t->slot);
    if (t->detached)
        release_locked(t);
    rt_lock_release(&reg_lock);
    /* t may be freed from here on (released, and reaped by another thread) */
    rt_unmap(stack, THREAD_STACK_CAP * sizeof(uintptr_t));
    heap_thread_exit();
    reap_records();
}

struct crace_thread *thread_by_pthread(pthread_t p)
{
    struct pth_entry *e;
    rt_lock_acquire(&reg_lock);
    HASH_FIND(hh, by_pthread, &p, sizeof(pthread_t), e);
    struct crace_thread *t = e ? e->thr : 0;
    rt_lock_release(&reg_lock);
    return t;
}

void thread_joined(struct crace_thread *joiner, struct crace_thread *t)
{
    /* Everything the joined thread did happens before the join returns. */
    if (joiner && !joiner->ignore_sync)
        thread_acquire(joiner, &t->clock);
    if (joiner)
        ev_thread_joined(joiner, t);
    rt_lock_acquire(&reg_lock);
    t->joined = 1;
    release_locked(t);
    rt_lock_release(&reg_lock);
    reap_records();
}

void thread_detached(struct crace_thread *t)
{
    ev_thread_detached(t);
    rt_lock_acquire(&reg_lock);
    t->detached = 1;
    if (__atomic_load_n(&t->finished, __ATOMIC_ACQUIRE)) {
        orphan_add(t->slot, t->orphan_epoch); /* finished, and now never joined */
        release_locked(t);
    }
    rt_lock_release(&reg_lock);
    reap_records();
}

struct crace_thread *thread_at(uint32_t slot, uint64_t epoch)
{
    struct crace_thread *t = 0;
    rt_lock_acquire(&reg_lock);
    if (slot < nslots)
        for (t = slots[slot]->thr; t && t->start_epoch > epoch; t = t->older)
            ;
    /* A record in between may be gone: the one found must have run then. */
    if (t && t->finished && epoch > t->final_epoch)
        t = 0;
    rt_lock_release(&reg_lock);
    return t;
}

void thread_for_each(void (*fn)(struct crace_thread *t, void *arg), void *arg)
{
    rt_lock_acquire(&reg_lock);
    for (struct crace_thread *t = all_threads; t; t = t->next)
        fn(t, arg);
    rt_lock_release(&reg_lock);
}

int thread_count_running(void)
{
    rt_lock_acquire(&reg_lock);
    int n = running;
    rt_lock_release(&reg_lock);
    return n;
}

static void set_name_locked(struct crace_thread *t, const char *name)
{
    size_t i = 0;
    for (; name[i] && i + 1 < THREAD_NAME_MAX; i++)
        t->name[i] = name[i];
    t->name[i] = 0;
}

void thread_set_name(struct crace_thread *t, const char *name)
{
    rt_lock_acquire(&reg_lock);
    set_name_locked(t, name);
    rt_lock_release(&reg_lock);
}

int thread_set_name_of(pthread_t pth, const char *name)
{
    struct pth_entry *e;
    rt_lock_acquire(&reg_lock);
    HASH_FIND(hh, by_pthread, &pth, sizeof(pthread_t), e);
    if (e)
        set_name_locked(e->thr, name);
    rt_lock_release(&reg_lock);
    return e != 0;
}
