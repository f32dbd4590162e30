/*
 * sync.c - the table of synchronization objects, keyed by address, with the
 * per-phase clocks of barriers, and the accesses that model an object's own
 * memory (init/destroy write it, other operations read it).
 *
 * The table is split into SYNC_SHARDS uthash tables, each behind its own
 * lock, so unrelated mutexes rarely contend. An object's clock is only read
 * or written with its shard lock held, which also keeps it alive (objects
 * are freed by sync_forget under the same lock).
 */
#include "sync.h"
#include "access.h"
#include "rt_uthash.h"
#include "suppress.h"

#define SYNC_SHARDS 64

struct sync_obj {
    uintptr_t addr;
    struct vclock clock;
    struct lock_origin *origin;  /* locks only: where created or first taken */
    struct barrier_phase *phase; /* barriers only: the phase arrivals join now */
    unsigned barrier_count;      /* barriers only: waiters per phase, 0 = unknown */
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

static unsigned page_bit(uintptr_t page)
{
    return (unsigned)((page * 0x9E3779B97F4A7C15ull) >> 48);
}

static void page_filter_add(uintptr_t addr)
{
    unsigned b = page_bit(addr >> 12);
    __atomic_fetch_or(&page_filter[b / 64], 1ull << (b % 64), __ATOMIC_RELAXED);
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

static void release(struct crace_thread *t, uintptr_t addr, int store)
{
    if (t->ignore_sync)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find_or_create(sh, addr);
    if (store)
        vclock_copy(&s->clock, &t->clock);
    else
        vclock_join(&s->clock, &t->clock);
    rt_lock_release(&sh->lock);
    thread_tick(t);
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

void sync_release(struct crace_thread *t, uintptr_t addr)
{
    release(t, addr, 0);
}
void sync_release_store(struct crace_thread *t, uintptr_t addr)
{
    release(t, addr, 1);
}

void sync_release_clock(struct crace_thread *t, uintptr_t addr, const struct vclock *c)
{
    if (t->ignore_sync)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    vclock_join(&find_or_create(sh, addr)->clock, c);
    rt_lock_release(&sh->lock);
}

void sync_clear(uintptr_t addr)
{
    if (!page_filter_hit(addr, 1))
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find(sh, addr);
    if (s)
        vclock_copy(&s->clock, &(struct vclock){0});
    rt_lock_release(&sh->lock);
}

void sync_acquire(struct crace_thread *t, uintptr_t addr)
{
    if (t->ignore_sync)
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find(sh, addr);
    if (s)
        vclock_join(&t->clock, &s->clock);
    rt_lock_release(&sh->lock);
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
    vclock_join(&t->clock, &s->clock);
    if (!s->origin)
        note_origin(s, t, pc, 0);
    rt_lock_release(&sh->lock);
}

void sync_lock_taken(struct crace_thread *t, uintptr_t addr, int read, uintptr_t pc)
{
    sync_acquire_lock(t, addr, pc);
    thread_lock_taken(t, addr, read);
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
