/*
 * sync.c - the table of synchronization objects, keyed by address.
 *
 * The table is split into SYNC_SHARDS uthash tables, each behind its own
 * lock, so unrelated mutexes rarely contend. An object's clock is only read
 * or written with its shard lock held, which also keeps it alive (objects
 * are freed by sync_forget under the same lock).
 */
#include "sync.h"
#include "rt_uthash.h"

#define SYNC_SHARDS 64

struct sync_obj {
    uintptr_t addr;
    struct vclock clock;
    struct lock_origin *origin; /* locks only: where created or first taken */
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
        thread_acquire(t, &s->clock);
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
    thread_acquire(t, &s->clock);
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

static void forget_one(struct shard *sh, struct sync_obj *s)
{
    HASH_DEL(sh->objs, s);
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
