/*
 * sync.c - the table of synchronization objects, keyed by address, with the
 * per-phase clocks of barriers, and the accesses that model an object's own
 * memory (init/destroy write it, other operations read it).
 *
 * The table is split into SYNC_SHARDS open-addressing hash tables (linear
 * probing over an array of {address, object} pairs), each behind its own
 * lock, so unrelated mutexes rarely contend, and a look-up reads one or two
 * cache lines of the array whatever the number of objects (a chained table
 * walked a list of objects, one cache miss each: with 16384 mutexes, lock
 * and unlock spent a tenth of their time there). An object's clock is only
 * read or written with its shard lock held, which also keeps it alive
 * (objects are freed by sync_forget under the same lock).
 *
 * A second index lists the objects of every page (sharded by page, its own
 * locks, taken inside a shard lock, never around one), so that forgetting
 * the objects of freed memory looks at the pages freed, not at every object
 * (that scan took a fifth of the time of a program with 16384 mutexes
 * freeing its nodes).
 *
 * A lock whose clock has not changed since this thread last took it has
 * nothing new to give: a per-thread cache remembers, per lock
 * address, the object and the version of its clock this thread has already
 * joined, and a lock that finds that version unchanged skips the shard lock
 * altogether (every change to an object's clock, and its end, steps its
 * version). So objects are never handed back to malloc: a forgotten one
 * waits on its shard's free list for the next object of that shard, and a
 * stale cache entry only ever reads some object's version.
 *
 * Atomics run their real operation with the shard lock held (atomic.c), so
 * the value a store leaves and the clock it publishes change together, and
 * a read gets the clock of exactly the store it read. An atomic object's
 * clock is the clock its latest store carries (relseq.c: release
 * sequences).
 */
#include "sync.h"
#include "access.h"
#include "events.h"
#include "relseq.h"
#include "suppress.h"

#define SYNC_SHARDS 64
#define PAGE_SHARDS 16
#define PAGE_SHIFT 12

/* The first entries of an object's clock live in the object (enough for a
 * program of up to 4 thread slots, and read with the object's own cache
 * line). */
#define SYNC_CLOCK_INLINE 4

/*
 * Objects (and the tables' slot arrays) take whole cache lines of their
 * own (line_alloc): a lock and an unlock touch only the first line (the
 * address, the clock, the origin test), and no other object's or table's
 * writes share it (calloc packed them together: every release of one
 * mutex took the line of its neighbour's look-up away from other cores).
 */
struct sync_obj {
    uintptr_t addr; /* SYNC_DEAD on a shard's free list */
    /* Steps (under the shard lock) whenever the clock may change or the
     * object is forgotten; never reset, also across reuse (struct seen). */
    uint64_t version;
    struct vclock clock;
    uint64_t clock_inline[SYNC_CLOCK_INLINE];
    /* ---- first cache line ends here (the rest is rarely written) ---- */
    struct lock_origin *origin;  /* locks only: where created or first taken */
    struct barrier_phase *phase; /* barriers only: the phase arrivals join now */
    unsigned barrier_count;      /* barriers only: waiters per phase, 0 = unknown */
    struct relseq seq;           /* atomics: who heads the release sequence(s) */
    struct sync_obj *page_next;  /* the other objects of its page (page index) */
    struct sync_obj *page_prev;
    struct sync_obj *free_next; /* on its shard's free list */
} __attribute__((aligned(64)));

_Static_assert(offsetof(struct sync_obj, clock_inline) + sizeof(uint64_t) * SYNC_CLOCK_INLINE <= 64,
               "what lock and unlock write fits in one line");

#define SYNC_DEAD UINTPTR_MAX

/* Zeroed memory of whole, 64-byte aligned lines (freed with rt_free). */
static void *line_alloc(size_t n)
{
    n = (n + 63) & ~(size_t)63;
    void *p = __libc_memalign(64, n);
    if (!p)
        return rt_alloc(n); /* out of memory: rt_alloc says so and aborts */
    rt_memset(p, 0, n);
    return p;
}

/* An open-addressing table from a key to an object; obj NULL = empty slot. */
struct slot {
    uintptr_t key;
    struct sync_obj *obj;
};

struct table {
    struct slot *slots;
    uint32_t bits;  /* capacity 1 << bits, 0 before the first insert */
    uint32_t count; /* slots in use, at most half of the capacity */
};

struct shard {
    rt_lock lock;
    struct table objs;          /* address -> object */
    struct sync_obj *free_objs; /* forgotten objects of this shard, for reuse */
} __attribute__((aligned(64)));

/* The page index: page number -> the first object on it (a list through
 * page_next/page_prev). */
struct page_shard {
    rt_lock lock;
    struct table pages;
} __attribute__((aligned(64)));

static struct page_shard page_shards[PAGE_SHARDS];

/* Fibonacci hashing; the table takes the bits below the top 6 (the top
 * ones chose the shard). */
static uint64_t key_hash(uintptr_t key)
{
    return key * 0x9E3779B97F4A7C15ull;
}

static uint32_t slot_index(const struct table *tb, uintptr_t key)
{
    return (uint32_t)((key_hash(key) << 6) >> (64 - tb->bits));
}

static struct slot *table_slot(const struct table *tb, uintptr_t key)
{
    if (!tb->bits)
        return 0;
    uint32_t mask = (1u << tb->bits) - 1;
    for (uint32_t i = slot_index(tb, key);; i = (i + 1) & mask) {
        struct slot *sl = &tb->slots[i];
        if (!sl->obj)
            return 0;
        if (sl->key == key)
            return sl;
    }
}

static struct sync_obj *table_get(const struct table *tb, uintptr_t key)
{
    struct slot *sl = table_slot(tb, key);
    return sl ? sl->obj : 0;
}

static void table_place(struct table *tb, uintptr_t key, struct sync_obj *obj)
{
    uint32_t mask = (1u << tb->bits) - 1, i = slot_index(tb, key);
    while (tb->slots[i].obj)
        i = (i + 1) & mask;
    tb->slots[i] = (struct slot){key, obj};
}

/* Double the capacity (16 slots at first) and place every entry again. */
static void table_grow(struct table *tb)
{
    struct slot *old = tb->slots;
    uint32_t oldcap = tb->bits ? 1u << tb->bits : 0;
    tb->bits = tb->bits ? tb->bits + 1 : 4;
    tb->slots = line_alloc(sizeof(struct slot) << tb->bits);
    for (uint32_t i = 0; i < oldcap; i++)
        if (old[i].obj)
            table_place(tb, old[i].key, old[i].obj);
    rt_free(old);
}

/* key must not be in the table yet. */
static void table_put(struct table *tb, uintptr_t key, struct sync_obj *obj)
{
    if (2 * (tb->count + 1) > (tb->bits ? 1u << tb->bits : 0))
        table_grow(tb);
    table_place(tb, key, obj);
    tb->count++;
}

/* Remove the slot sl (in tb); the entries after it that probed past it
 * move back, so that every look-up still finds its entry before a hole. */
static void table_remove(struct table *tb, struct slot *sl)
{
    uint32_t mask = (1u << tb->bits) - 1, hole = (uint32_t)(sl - tb->slots);
    for (uint32_t i = (hole + 1) & mask; tb->slots[i].obj; i = (i + 1) & mask) {
        uint32_t home = slot_index(tb, tb->slots[i].key);
        /* the entry at i may fill the hole if its home is not in (hole, i] */
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            tb->slots[hole] = tb->slots[i];
            hole = i;
        }
    }
    tb->slots[hole] = (struct slot){0, 0};
    tb->count--;
}

static struct page_shard *page_shard_of(uintptr_t page)
{
    return &page_shards[key_hash(page) >> 60];
}

/* s joins its page's list (s's shard lock held). */
static void page_link(struct sync_obj *s)
{
    uintptr_t page = s->addr >> PAGE_SHIFT;
    struct page_shard *ps = page_shard_of(page);
    rt_lock_acquire(&ps->lock);
    struct slot *sl = table_slot(&ps->pages, page);
    if (sl) {
        s->page_next = sl->obj;
        sl->obj->page_prev = s;
        sl->obj = s;
    } else {
        table_put(&ps->pages, page, s);
    }
    rt_lock_release(&ps->lock);
}

/* s leaves its page's list (s's shard lock held). */
static void page_unlink(struct sync_obj *s)
{
    uintptr_t page = s->addr >> PAGE_SHIFT;
    struct page_shard *ps = page_shard_of(page);
    rt_lock_acquire(&ps->lock);
    if (s->page_next)
        s->page_next->page_prev = s->page_prev;
    if (s->page_prev) {
        s->page_prev->page_next = s->page_next;
    } else {
        struct slot *sl = table_slot(&ps->pages, page);
        if (s->page_next)
            sl->obj = s->page_next;
        else
            table_remove(&ps->pages, sl);
    }
    rt_lock_release(&ps->lock);
}

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
/*
 * The version groups that an atomic operation ever locked (bit set by
 * sync_atomic_lock, never cleared). Only a thread that took an address's
 * clock there (atomic.c's seen cache, noted under that lock) can skip on
 * an unchanged version, so a release of any other group (a plain mutex:
 * nearly every release) leaves its version alone and does not write that
 * shared line. Set and read under the group's shard lock, which orders
 * them; atomic because one word holds bits of groups of other shards.
 */
static uint64_t version_watched[(1u << SYNC_VERSION_BITS) / 64];

static unsigned version_group(uintptr_t addr)
{
    return (unsigned)(sync_version_of(addr) - sync_versions);
}

static void version_watch(uintptr_t addr)
{
    unsigned g = version_group(addr);
    uint64_t bit = 1ull << (g % 64);
    if (!(__atomic_load_n(&version_watched[g / 64], __ATOMIC_RELAXED) & bit))
        __atomic_fetch_or(&version_watched[g / 64], bit, __ATOMIC_RELAXED);
}

static int version_watched_by_atomics(uintptr_t addr)
{
    unsigned g = version_group(addr);
    return (__atomic_load_n(&version_watched[g / 64], __ATOMIC_RELAXED) >> (g % 64)) & 1;
}

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
    return table_get(&sh->objs, addr);
}

/* A new object for addr: a forgotten one of this shard if there is one
 * (its version goes on from where it was), else fresh lines. */
static struct sync_obj *obj_new(struct shard *sh, uintptr_t addr)
{
    struct sync_obj *s = sh->free_objs;
    if (s) {
        sh->free_objs = s->free_next;
        s->free_next = 0;
        rt_memset(s->clock_inline, 0, sizeof s->clock_inline);
    } else {
        s = line_alloc(sizeof *s);
    }
    vclock_init_lent(&s->clock, s->clock_inline, SYNC_CLOCK_INLINE);
    __atomic_store_n(&s->addr, addr, __ATOMIC_RELAXED);
    return s;
}

static struct sync_obj *find_or_create(struct shard *sh, uintptr_t addr)
{
    struct sync_obj *s = find(sh, addr);
    if (!s) {
        s = obj_new(sh, addr);
        table_put(&sh->objs, addr, s);
        page_link(s);
        page_filter_add(addr);
    }
    return s;
}

/* addr's object in sh (shard lock held), created if `create`. */
static struct sync_obj *find_maybe_create(struct shard *sh, uintptr_t addr, int create)
{
    return create ? find_or_create(sh, addr) : find(sh, addr);
}

/* With s's shard lock held: what s's clock carries (may) have changed. */
static void obj_changed(struct sync_obj *s)
{
    __atomic_store_n(&s->version, s->version + 1, __ATOMIC_RELEASE);
}

/*
 * The per-thread cache of the locks a thread took (see the top of the
 * file): direct-mapped by address; an entry says "this thread has joined
 * obj's clock as of version", obj having been addr's object then. Entries
 * are written with addr's shard lock held, which defers signals, and read
 * with signals deferred, so a handler taking a lock on this thread never
 * leaves an entry half-written under a reader. `owner`: the thread (uid)
 * the entries are about; an OS thread that the runtime meets again as a
 * new thread starts with an empty cache.
 */
#define SEEN_BITS 6
struct seen {
    uintptr_t addr;
    struct sync_obj *obj;
    uint64_t version;
};
static __thread struct seen seen_cache[1u << SEEN_BITS] __attribute__((tls_model("initial-exec")));
static __thread uint32_t seen_owner __attribute__((tls_model("initial-exec")));

static struct seen *seen_entry(uintptr_t addr)
{
    return &seen_cache[(key_hash(addr) >> 40) & ((1u << SEEN_BITS) - 1)];
}

/* Is e (addr's entry) an entry t made for addr? */
static inline int seen_mine(const struct crace_thread *t, const struct seen *e, uintptr_t addr)
{
    return seen_owner == t->uid + 1 && e->addr == addr;
}

/* Has t joined addr's clock as it is now? Lock-free: a release that the
 * caller's real operation is ordered after stepped the version before its
 * own real operation, so the caller sees the step. */
static inline int seen_current(const struct crace_thread *t, uintptr_t addr)
{
    thread_signals_hold();
    const struct seen *e = seen_entry(addr);
    int cur = seen_mine(t, e, addr) && e->obj &&
              __atomic_load_n(&e->obj->version, __ATOMIC_ACQUIRE) == e->version;
    thread_signals_release();
    return cur;
}

/* t just joined s's clock (s's shard lock held). */
static void seen_note(const struct crace_thread *t, uintptr_t addr, struct sync_obj *s)
{
    if (seen_owner != t->uid + 1) {
        rt_memset(seen_cache, 0, sizeof seen_cache);
        seen_owner = t->uid + 1;
    }
    struct seen *e = seen_entry(addr);
    e->addr = addr;
    e->obj = s;
    e->version = s->version;
}

/*
 * addr's object, with its shard lock held; created if `create`. The cache
 * entry's object first: objects stay objects of their shard (free list),
 * so its address field names addr only while it is addr's live object.
 */
static struct sync_obj *lookup(struct shard *sh, uintptr_t addr, int create)
{
    const struct seen *e = seen_entry(addr);
    if (e->addr == addr && e->obj && __atomic_load_n(&e->obj->addr, __ATOMIC_RELAXED) == addr)
        return e->obj;
    return find_maybe_create(sh, addr, create);
}

/* Shard locks first, then the page index's (the order of page_link). */
void sync_fork_prepare(void)
{
    for (int i = 0; i < SYNC_SHARDS; i++)
        rt_lock_acquire(&shards[i].lock);
    for (int i = 0; i < PAGE_SHARDS; i++)
        rt_lock_acquire(&page_shards[i].lock);
}

void sync_fork_done(void)
{
    for (int i = PAGE_SHARDS; i > 0; i--)
        rt_lock_release(&page_shards[i - 1].lock);
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
    struct sync_obj *s = lookup(sh, addr, 1);
    /* t knew s's clock: s's clock is t's now, and t still knows it */
    struct seen *e = seen_entry(addr);
    int known = seen_mine(t, e, addr) && e->obj == s && e->version == s->version;
    vclock_join(&s->clock, &t->clock);
    obj_changed(s);
    if (known)
        e->version = s->version;
    if (!s->seq.keep_all)        /* a read: the line stays shared */
        relseq_foreign(&s->seq); /* if atomics use addr too: no head accounts for this */
    if (version_watched_by_atomics(addr)) {
        version_step(addr); /* what an atomic load of addr would take changed */
        version_step(addr);
    }
    rt_lock_release(&sh->lock);
    thread_tick(t);
}

void sync_acquire(struct crace_thread *t, uintptr_t addr)
{
    if (t->ignore_sync || seen_current(t, addr))
        return;
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = lookup(sh, addr, 0);
    if (s)
        thread_acquire(t, &s->clock);
    rt_lock_release(&sh->lock);
}

struct sync_obj *sync_atomic_lock(uintptr_t addr, int create, int change)
{
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    version_watch(addr); /* before any seen-cache entry for addr can exist */
    if (change) {
        version_step(addr);
        /* the odd version is visible to whoever reads the coming store */
        __atomic_thread_fence(__ATOMIC_RELEASE);
    }
    struct sync_obj *s = find_maybe_create(sh, addr, create);
    if (s && change)
        obj_changed(s); /* before the operation's store, as the version above */
    return s;
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
    if (t->ignore_sync || seen_current(t, addr))
        return; /* the origin was noted when t's entry was */
    struct shard *sh = shard_of(addr);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = lookup(sh, addr, 1);
    thread_acquire(t, &s->clock);
    if (!s->origin)
        note_origin(s, t, pc, 0);
    seen_note(t, addr, s);
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

/* A lock's object going away is told to the tools (events.h), with the
 * shard lock held: their callback must not call back into sync.c. */
static void forget_one(struct shard *sh, struct sync_obj *s)
{
    if (s->origin)
        ev_lock_forgotten(s->addr);
    table_remove(&sh->objs, table_slot(&sh->objs, s->addr));
    page_unlink(s);
    phase_drop(s);
    vclock_free(&s->clock);
    relseq_free(&s->seq);
    rt_free(s->origin);
    s->origin = 0;
    s->barrier_count = 0;
    s->seq = (struct relseq){0};
    s->page_next = s->page_prev = 0;
    __atomic_store_n(&s->addr, SYNC_DEAD, __ATOMIC_RELAXED);
    obj_changed(s); /* every cache entry naming s is stale now */
    s->free_next = sh->free_objs;
    sh->free_objs = s;
}

static void forget_addr(uintptr_t a)
{
    struct shard *sh = shard_of(a);
    rt_lock_acquire(&sh->lock);
    struct sync_obj *s = find(sh, a);
    if (s)
        forget_one(sh, s);
    rt_lock_release(&sh->lock);
}

#define FORGET_BATCH 32

/* Forget the objects of page that lie in [lo, hi). Their addresses are
 * gathered under the page lock, then each is forgotten under its shard
 * lock (which comes first in the lock order), a batch at a time. */
static void forget_on_page(uintptr_t page, uintptr_t lo, uintptr_t hi)
{
    struct page_shard *ps = page_shard_of(page);
    uintptr_t found[FORGET_BATCH];
    int n;
    do {
        n = 0;
        rt_lock_acquire(&ps->lock);
        for (struct sync_obj *s = table_get(&ps->pages, page); s && n < FORGET_BATCH;
             s = s->page_next)
            if (s->addr >= lo && s->addr < hi)
                found[n++] = s->addr;
        rt_lock_release(&ps->lock);
        for (int i = 0; i < n; i++)
            forget_addr(found[i]);
    } while (n == FORGET_BATCH);
}

/* A range of many pages: visit the pages that hold objects (the page
 * index's entries) rather than every page of the range. */
static void forget_pages_scan(uintptr_t first, uintptr_t last, uintptr_t lo, uintptr_t hi)
{
    for (int i = 0; i < PAGE_SHARDS; i++) {
        struct page_shard *ps = &page_shards[i];
        uintptr_t found[FORGET_BATCH];
        int n;
        do {
            n = 0;
            rt_lock_acquire(&ps->lock);
            uint32_t cap = ps->pages.bits ? 1u << ps->pages.bits : 0;
            for (uint32_t k = 0; k < cap && n < FORGET_BATCH; k++) {
                struct slot *sl = &ps->pages.slots[k];
                if (sl->obj && sl->key >= first && sl->key <= last)
                    found[n++] = sl->key;
            }
            rt_lock_release(&ps->lock);
            for (int k = 0; k < n; k++)
                forget_on_page(found[k], lo, hi);
        } while (n == FORGET_BATCH);
    }
}

void sync_forget(uintptr_t addr, size_t size)
{
    if (size == 0 || !page_filter_hit(addr, size))
        return;
    uintptr_t hi = addr + size < addr ? UINTPTR_MAX : addr + size;
    uintptr_t first = addr >> PAGE_SHIFT, last = (hi - 1) >> PAGE_SHIFT;
    if (last - first < 64) {
        for (uintptr_t p = first; p <= last; p++)
            forget_on_page(p, addr, hi);
    } else {
        forget_pages_scan(first, last, addr, hi);
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
