/*
 * thread.c - the thread registry: thread records, slots (identity in shadow
 * cells and clocks, with their history rings), creation/start/finish/join
 * bookkeeping and the epoch tick.
 *
 * Locking: reg_lock guards the slot table, the free-slot list, the thread
 * list and the pthread_t map. A thread's hot fields (thread.h) are only
 * written by the thread itself.
 */

#include "thread.h"
#include "heap.h"
#include "options.h"
#include "rt_uthash.h"
#include "shadow.h"
#include "sync.h"

#include <dlfcn.h>
#include <sys/syscall.h>
#include <unistd.h>

__thread struct crace_thread *crace_cur __attribute__((tls_model("initial-exec")));
/* Set when the thread finished: later stray calls must not re-register it. */
static __thread int thread_dead __attribute__((tls_model("initial-exec")));

struct slot {
    struct trace trace;
    struct crace_thread *thr; /* newest incarnation */
    uint64_t last_epoch;      /* final epoch of the newest finished incarnation */
    uint32_t next_free;       /* free list link (slot index + 1, 0 = end) */
};

/*
 * A slot is handed to a new thread only when the creator already happens
 * after everything the slot's previous owner did (its final epoch is in
 * the creator's clock, e.g. the creator joined it). The new owner continues
 * the slot's epoch sequence, so its accesses look ordered after the old
 * owner's, and a thread synchronizing with it looks ordered after the old
 * owner too: both are true through the creator. Reusing any other finished
 * slot would hide races (thr_reuse_unjoined_race). Only when all 65,536
 * slots are taken is the oldest finished one reused regardless.
 */
#define SLOT_SCAN_MAX 64 /* free slots looked at per creation */

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

static void note_stack_and_tls(struct crace_thread *t, uintptr_t *lo_out, uintptr_t *hi_out);

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
        if (t == self || t->finished)
            continue;
        /* Whatever the vanished thread did is in the child's past. Its
         * epoch is read from `fast`, one word that is always consistent. */
        uint64_t e = cell_epoch(t->fast);
        if (e > vclock_get(&self->clock, t->slot))
            vclock_set(&self->clock, t->slot, e);
        t->final_epoch = vclock_get(&t->clock, t->slot);
        t->finished = 1;
        running--;
    }
    self->os_tid = (pid_t)syscall(SYS_gettid);
}

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

/*
 * A finished slot whose last owner happens before `creator` (see above),
 * else a new slot; the oldest finished one when none are left. reg_lock held.
 */
static uint32_t slot_take(const struct vclock *creator)
{
    uint32_t prev = 0, n = 0;
    for (uint32_t f = free_head; creator && f && n < SLOT_SCAN_MAX;
         f = slots[f - 1]->next_free, n++) {
        uint32_t s = f - 1;
        if (slots[s]->last_epoch <= vclock_get(creator, s)) {
            free_unlink(prev, s);
            return s;
        }
        prev = f;
    }
    if (nslots >= CELL_MAX_SLOTS) {
        if (!free_head)
            rt_die("more than %u threads alive at once", CELL_MAX_SLOTS);
        uint32_t s = free_head - 1;
        free_unlink(0, s);
        return s;
    }
    uint32_t s = nslots++;
    slots[s] = rt_alloc(sizeof(struct slot));
    trace_init(&slots[s]->trace, opt_history_size);
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

/* Fill the identity fields of a new thread record. reg_lock held. */
static struct crace_thread *thread_new_locked(const struct vclock *creator)
{
    struct crace_thread *t = rt_alloc(sizeof *t);
    t->uid = next_uid++;
    t->slot = slot_take(creator);
    t->own_off =
        (uintptr_t)shadow_own_plane(cell_make(t->slot, 0)) * SHADOW_PLANE * sizeof(uint64_t);
    struct slot *sl = slots[t->slot];
    t->tr = &sl->trace;
    t->start_epoch = sl->last_epoch + 1;
    t->older = sl->thr;
    sl->thr = t;
    t->next = all_threads;
    all_threads = t;
    running++;
    t->stack = rt_map(THREAD_STACK_CAP * sizeof(uintptr_t));
    return t;
}

static void thread_set_epoch(struct crace_thread *t, uint64_t epoch)
{
    vclock_set(&t->clock, t->slot, epoch);
    t->fast = cell_make(t->slot, epoch);
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

/* Begin the thread's history on its slot: empty stack, its first epoch. */
static void thread_begin_history(struct crace_thread *t)
{
    trace_put1(t, EV_OTHER | (EVO_STACK_RESET << 2));
    trace_put1(t, EV_OTHER | (EVO_EPOCH << 2) | (t->start_epoch << 8));
}

void thread_init_main(void)
{
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
    thread_begin_history(t);
    t->ignore += THREAD_IGNORE_ALONE;
    __atomic_store_n(&alone_main, t, __ATOMIC_RELEASE);
}

struct crace_thread *thread_current_slow(void)
{
    if (thread_dead)
        return 0;
    if (!rt_initialized) {
        rt_init();
        return crace_cur;
    }
    /* A thread the runtime did not see being created (started by an
     * uninstrumented library through a path we do not intercept). It gets
     * no happens-before edge from anyone. */
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
    t->create_stack = rt_alloc((kept + 1) * sizeof(uintptr_t));
    t->create_depth = thread_stack_copy(parent, pc, t->create_stack, kept + 1);
}

struct crace_thread *thread_create(struct crace_thread *parent, uintptr_t pc)
{
    thread_end_alone_phase();
    rt_lock_acquire(&reg_lock);
    struct crace_thread *t = thread_new_locked(&parent->clock);
    rt_lock_release(&reg_lock);
    capture_stack(parent, pc, t);
    /* Everything the parent did so far happens before the child starts. */
    vclock_copy(&t->clock, &parent->clock);
    thread_set_epoch(t, t->start_epoch);
    thread_tick(parent);
    return t;
}

/* Size of the static TLS block below the thread pointer (glibc's answer,
 * else a page). */
static size_t static_tls_size(void)
{
    static size_t size; /* written once, on the first thread start */
    if (!size) {
        void (*info)(size_t *, size_t *) =
            (void (*)(size_t *, size_t *))(uintptr_t)dlsym(RTLD_DEFAULT, "_dl_get_tls_static_info");
        size_t align = 0, n = 0;
        if (info)
            info(&n, &align);
        size = n ? n : 4096;
    }
    return size;
}

/* Record where the calling thread's stack and static TLS are (reports say
 * "Location is stack of thread T2"). Returns the stack block's extent. */
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
        t->stack_lo = (uintptr_t)lo;
        t->stack_hi = (uintptr_t)lo + size;
        *lo_out = t->stack_lo;
        *hi_out = t->stack_hi;
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
        if (addr >= t->tls_lo && addr < t->tls_hi) {
            *is_tls = 1;
            found = 1;
        } else if (addr >= t->stack_lo && addr < t->stack_hi) {
            *is_tls = 0;
            found = 1;
        }
        if (found)
            *uid = t->uid;
    }
    rt_lock_release(&reg_lock);
    return found;
}

void thread_set_pthread(struct crace_thread *t, pthread_t pth)
{
    rt_lock_acquire(&reg_lock);
    t->pth = pth;
    pth_insert_locked(t);
    rt_lock_release(&reg_lock);
}

void thread_start(struct crace_thread *t)
{
    t->os_tid = (pid_t)syscall(SYS_gettid);
    crace_cur = t;
    t->in_rt++;
    clear_own_stack_and_tls(t);
    thread_set_pthread(t, pthread_self());
    t->in_rt--;
    thread_begin_history(t);
}

void thread_finish(struct crace_thread *t)
{
    /* Detach first: a signal handler running from here on must not touch
     * the record (its shadow stack is unmapped below). */
    thread_dead = 1;
    __atomic_store_n(&crace_cur, 0, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    for (int i = 0; i < THREAD_ROBUST_MAX; i++)
        if (t->robust[i]) /* dying owner of a robust mutex: see intercept_mutex.c */
            sync_release(t, t->robust[i]);
    rt_lock_acquire(&reg_lock);
    t->final_epoch = vclock_get(&t->clock, t->slot);
    slots[t->slot]->last_epoch = t->final_epoch;
    running--;
    __atomic_store_n(&t->finished, 1, __ATOMIC_RELEASE);
    slot_give_back(t->slot);
    if (t->detached) {
        pth_remove_locked(t);
        vclock_free(&t->clock);
    }
    rt_lock_release(&reg_lock);
    rt_unmap(t->stack, THREAD_STACK_CAP * sizeof(uintptr_t));
    t->stack = 0;
    heap_thread_exit();
}

void thread_discard(struct crace_thread *t)
{
    rt_lock_acquire(&reg_lock);
    running--;
    t->finished = 1;
    t->final_epoch = vclock_get(&t->clock, t->slot);
    slots[t->slot]->last_epoch = t->final_epoch;
    slot_give_back(t->slot);
    vclock_free(&t->clock);
    rt_lock_release(&reg_lock);
    rt_unmap(t->stack, THREAD_STACK_CAP * sizeof(uintptr_t));
    t->stack = 0;
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
        vclock_join(&joiner->clock, &t->clock);
    rt_lock_acquire(&reg_lock);
    t->joined = 1;
    pth_remove_locked(t);
    vclock_free(&t->clock);
    rt_lock_release(&reg_lock);
}

void thread_detached(struct crace_thread *t)
{
    rt_lock_acquire(&reg_lock);
    t->detached = 1;
    if (__atomic_load_n(&t->finished, __ATOMIC_ACQUIRE)) {
        pth_remove_locked(t);
        vclock_free(&t->clock);
    }
    rt_lock_release(&reg_lock);
}

struct crace_thread *thread_at(uint32_t slot, uint64_t epoch)
{
    struct crace_thread *t = 0;
    rt_lock_acquire(&reg_lock);
    if (slot < nslots)
        for (t = slots[slot]->thr; t && t->start_epoch > epoch; t = t->older)
            ;
    rt_lock_release(&reg_lock);
    return t;
}

int thread_count_running(void)
{
    rt_lock_acquire(&reg_lock);
    int n = running;
    rt_lock_release(&reg_lock);
    return n;
}

void thread_set_name(struct crace_thread *t, const char *name)
{
    rt_lock_acquire(&reg_lock);
    size_t i = 0;
    for (; name[i] && i + 1 < THREAD_NAME_MAX; i++)
        t->name[i] = name[i];
    t->name[i] = 0;
    rt_lock_release(&reg_lock);
}
