/*
 * sync.c - the table of synchronization objects, keyed by address, with the
 * per-phase clocks of barriers, and the accesses that model an object's own
 * memory (init/destroy write it, other operations read it).
 *
 * The table is split into SYNC_SHARDS uthash tables, each behind its own
 * lock, so unrelated mutexes rarely contend. An object's clock is only read
 * or written with its shard lock held, which also keeps it alive (objects
 * are freed by sync_forget under the same lock).
 *
 * Atomics run their real operation with the shard lock held (atomic.c), so
 * the value a store leaves and the clock it publishes change together, and
 * a read gets the clock of exactly the store it read. An atomic object's
 * clock is the clock its latest store carries (relseq.c: release
 * sequences).
 */
#include "sync.h"
#include "access.h"
#include "relseq.h"
#include "rt_uthash.h"
#include "suppress.h"

#define SYNC_SHARDS 64

struct sync_obj {
    uintptr_t addr;
    struct vclock clock;
    struct lock_origin *origin;  /* locks only: where created or first taken */
    struct barrier_phase *phase; /* barriers only: the phase arrivals join now */
    unsigned barrier_count;      /* barriers only: waiters per phase, 0 = unknown */
    struct relseq seq;           /* atomics: who heads the release sequence(s) */
    UT_hash_handle hh;
};

struct shard {
    rt_lock lock;
    struct sync_obj *objs;
    char pad[64 - sizeof(rt_lock) - sizeof(void *)];
};

static struct shard shards[SYNC_SHARDS];
/*
 * A filter over the pages that ever held a sync object: bit hash(page) is
 * set when an object is created there and never cleared. A free of memory
 * whose pages have no bit set (most frees) skips the table entirely; a set
 * bit only costs a precise look-up.
 */
#define PAGE_FILTER_BITS (1u << 16)
static uint64_t page_filter[PAGE_FILTER_BITS / 64];

/*
 * The same per address, for atomics: an operation on an address whose bit
 * is clear has no clock to pick up or keep, and skips the table (relaxed
 * operations on plain counters and flags).
 */
uint64_t sync_addr_filter[SYNC_ADDR_FILTER_BITS / 64];
uint32_t sync_versions[1u << SYNC_VERSION_BITS];

static unsigned page_bit(uintptr_t page)
{
    return (unsigned)((page * 0x9E3779B97F4A7C15ull) >> 48);
}

static void page_filter_add(uintptr_t addr)
{
    unsigned b = page_bit(addr >> 12);
    __atomic_fetch_or(&page_filter[b / 64], 1ull << (b % 64), __ATOMIC_RELAXED);
    b = sync_addr_bit(addr);
    __atomic_fetch_or(&sync_addr_filter[b / 64], 1ull << (b % 64), __ATOMIC_RELAXED);
}

/* Might [addr, addr+size) hold a sync object? */
static int page_filter_hit(uintptr_t addr, size_t size)
{
    uintptr_t first = addr >> 12, last = (addr + size - 1) >> 12;
    if (last - first >= 64)
        return 1;
    for (uintptr_t p = first; p <= last; p++) {
        unsigned b = page_bit(p);
        if (__atomic_load_n(&page_filter[b / 64], __ATOMIC_RELAXED) & (1ull << (b % 64)))
            return 1;
    }
    return 0;
}

/* The top bits of the same product as sync_version_of: an address group
 * with one version lies in one shard, so its lock orders the version's
 * updates. */
_Static_assert(SYNC_SHARDS == 64 && SYNC_VERSION_BITS >= 6, "version groups nest in shards");
static struct shard *shard_of(uintptr_t addr)
{
    return &shards[(addr * 0x9E3779B97F4A7C15ull) >> 58];
}

static struct sync_obj *find(struct shard *sh, uintptr_t addr)
{
    struct sync_obj *s;
    HASH_FIND(hh, sh->objs, &addr, sizeof addr, s);
    return s;
}

static struct sync_obj *find_or_create(struct shard *sh, uintptr_t addr)
{
    struct sync_obj *s = find(sh, addr);
    if (!s) {
        s = rt_alloc(sizeof *s);
        s->addr = addr;
        HASH_ADD(hh, sh->objs, addr, sizeof s->addr, s);
        page_filter_add(addr);
    }
    return s;
}

void sync_fork_prepare(void)
{
    for (int i = 0; i < SYNC_SHARDS; i++)
        rt_lock_acquire(&shards[i].lock);
}

void sync_fork_done(void)
{
    for (int i = SYNC_SHARDS; i > 0; i--)
        rt_lock_release(&shards[i - 1].lock);
}

/* With addr's shard lock held: the next version (odd: a change begins,
 * even: it is complete). Release order: whoever sees the new value sees
 * this too (odd: before the operation's store, see sync_atomic_lock). */
static void version_step(uintptr_t addr)
{
    uint32_t *v = sync_version_of(addr);
    __atomic_store_n(v, *v + 1, __ATOMIC_RELEASE);
}

void sync_release(struct crace_thread *t, uintptr_t addr)
{
    if (t->ignore_sync)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find_or_create(sh, addr);
    vclock_join(&s->clock, &t->clock);
    relseq_foreign(&s->seq); /* if atomics use addr too: no head accounts for this */
    version_step(addr);      /* what an atomic load of addr would take changed */
    version_step(addr);
    rt_lock_release(&sh->lock);
    thread_tick(t);
}

void sync_acquire(struct crace_thread *t, uintptr_t addr)
{
    if (t->ignore_sync)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find(sh, addr);
    if (s)
        thread_acquire(t, &s->clock);
    rt_lock_release(&sh->lock);
}

struct sync_obj *sync_atomic_lock(uintptr_t addr, int create, int change)
{
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    if (change) {
        version_step(addr);
        /* the odd version is visible to whoever reads the coming store */
        __atomic_thread_fence(__ATOMIC_RELEASE);
    }
    return create ? find_or_create(sh, addr) : find(sh, addr);
}

void sync_atomic_unlock(uintptr_t addr, int change)
{
    if (change)
        version_step(addr);
    rt_lock_release(&shard_of(addr)->lock);
}

void sync_atomic_read(struct crace_thread *t, struct sync_obj *s, int acquire)
{
    if (s->clock.len == 0)
        return;
    if (acquire) {
        vclock_join(&t->clock, &s->clock);
    } else {
        vclock_join(&t->fence_pending, &s->clock);
        t->has_fence_pending = 1;
    }
}

void sync_atomic_store(struct crace_thread *t, struct sync_obj *s, int release)
{
    if (release)
        relseq_release_store(&s->seq, &s->clock, t->uid, t->slot, &t->clock);
    else
        relseq_store(&s->seq, &s->clock, t->uid, t->slot, t->has_fence_clock ? &t->fence_clock : 0);
}

void sync_atomic_rmw(struct crace_thread *t, struct sync_obj *s, int release)
{
    if (release)
        relseq_rmw(&s->seq, &s->clock, t->uid, t->slot, &t->clock);
    else if (t->has_fence_clock)
        relseq_rmw(&s->seq, &s->clock, t->uid, t->slot, &t->fence_clock);
}

static void note_origin(struct sync_obj *s, struct crace_thread *t, uintptr_t pc, int created)
{
    if (!s->origin)
        s->origin = rt_alloc(sizeof *s->origin);
    s->origin->created = created;
    s->origin->uid = t->uid;
    s->origin->depth = thread_stack_copy(t, pc, s->origin->stack, LOCK_ORIGIN_STACK);
}

static void sync_acquire_lock(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    if (t->ignore_sync)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find_or_create(sh, addr);
    thread_acquire(t, &s->clock);
    if (!s->origin)
        note_origin(s, t, pc, 0);
    rt_lock_release(&sh->lock);
}

void sync_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    sync_acquire_lock(t, addr, pc);
    thread_lock_taken(t, addr, flags, pc);
}

void sync_lock_created(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    note_origin(find_or_create(sh, addr), t, pc, 1);
    rt_lock_release(&sh->lock);
}

int sync_lock_origin(uintptr_t addr, struct lock_origin *out)
{
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find(sh, addr);
    int known = s && s->origin;
    if (known)
        *out = *s->origin;
    rt_lock_release(&sh->lock);
    return known;
}

static void phase_drop(struct sync_obj *s);

static void forget_one(struct shard *sh, struct sync_obj *s)
{
    HASH_DEL(sh->objs, s);
    phase_drop(s);
    vclock_free(&s->clock);
    relseq_free(&s->seq);
    rt_free(s->origin);
    rt_free(s);
}

void sync_forget(uintptr_t addr, size_t size)
{
    if (size == 0 || !page_filter_hit(addr, size))
        return;
    if (size <= 64) {
        for (uintptr_t a = addr; a < addr + size; a++) {
            struct shard *sh = shard_of(a);
            rt_lock_acquire(&sh->lock);
            struct sync_obj *s = find(sh, a);
            if (s)
                forget_one(sh, s);
            rt_lock_release(&sh->lock);
        }
        return;
    }
    for (int i = 0; i < SYNC_SHARDS; i++) {
        struct shard *sh = &shards[i];
        struct sync_obj *s, *tmp;
        rt_lock_acquire(&sh->lock);
        HASH_ITER(hh, sh->objs, s, tmp)
        {
            if (s->addr >= addr && s->addr < addr + size)
                forget_one(sh, s);
        }
        rt_lock_release(&sh->lock);
    }
}

/*
 * Barriers. One clock per phase (generation), not per barrier: a phase's
 * arrivals join their clocks into it and its departures acquire exactly it,
 * so a thread that leaves late never picks up what a fast thread did in the
 * next phase. All arrivals of a phase come before any arrival of the next
 * (nobody passes the real barrier before the last one arrived), so counting
 * arrivals up to the barrier's count tells where a phase ends. Each waiter
 * holds on to its phase across the real wait (the barrier may be destroyed
 * by then); the last one to leave frees it. At most two phases are alive
 * per barrier in the usual case: the one being left and the one being
 * entered.
 */
struct barrier_phase {
    struct vclock clock; /* what this phase's arrivals did */
    unsigned arrived;    /* arrivals so far */
    unsigned waiting;    /* arrived and not yet departed */
    int closed;          /* full (or its barrier forgotten): no more arrivals */
};

static void phase_free(struct barrier_phase *p)
{
    vclock_free(&p->clock);
    rt_free(p);
}

/* The barrier goes away: its open phase is freed now if nobody waits in it,
 * else by its last departure. Shard lock held. */
static void phase_drop(struct sync_obj *s)
{
    struct barrier_phase *p = s->phase;
    s->phase = 0;
    if (!p)
        return;
    p->closed = 1;
    if (p->waiting == 0)
        phase_free(p);
}

void sync_barrier_init(uintptr_t addr, unsigned count)
{
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find_or_create(sh, addr);
    phase_drop(s);
    s->barrier_count = count;
    rt_lock_release(&sh->lock);
}

/* A thread ignoring synchronization still counts as an arrival (else the
 * phases would shift), but neither releases nor acquires. */
struct barrier_phase *sync_barrier_arrive(struct crace_thread *t, uintptr_t addr,
                                          unsigned fallback_count)
{
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find_or_create(sh, addr);
    if (!s->barrier_count)
        s->barrier_count = fallback_count ? fallback_count : 1;
    struct barrier_phase *p = s->phase;
    if (!p)
        p = s->phase = rt_alloc(sizeof *p);
    if (!t->ignore_sync)
        vclock_join(&p->clock, &t->clock);
    p->waiting++;
    if (++p->arrived >= s->barrier_count) {
        p->closed = 1;
        s->phase = 0; /* the next arrival opens the next phase */
    }
    rt_lock_release(&sh->lock);
    if (!t->ignore_sync)
        thread_tick(t);
    return p;
}

void sync_barrier_depart(struct crace_thread *t, uintptr_t addr, struct barrier_phase *p)
{
    if (!p)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    if (!t->ignore_sync)
        vclock_join(&t->clock, &p->clock);
    if (--p->waiting == 0 && p->closed)
        phase_free(p);
    rt_lock_release(&sh->lock);
}

void sync_obj_written(struct crace_thread *t, uintptr_t obj, size_t size, uintptr_t pc)
{
    if (!suppress_caller(pc))
        access_range(t, obj, size, 0, pc);
}

/* One byte: enough to meet every write of the object, which covers it all. */
void sync_obj_used(struct crace_thread *t, uintptr_t obj, uintptr_t pc)
{
    if (!suppress_caller(pc))
        access_sized(t, obj, 1, CELL_READ | CELL_ATOMIC, pc);
}
