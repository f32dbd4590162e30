/*
 * lockgraph.c - the lock order graph and its cycles (lockgraph.h).
 *
 * Cost per acquisition: nothing more than lockstack's entry while the
 * thread holds no other lock. Holding k locks (k small), taking another
 * by a blocking call costs k probes of the thread's own cache of edges it
 * already knows (a direct-mapped array, no lock), and one lock-free look-up
 * of the new lock's node id (the ids of held locks are kept in their
 * lockstack entries). Only an edge the thread has not seen takes the graph
 * lock; only an edge new to the graph searches for a cycle through it.
 *
 * Identity: a lock is a node while its memory holds it. When its sync
 * object goes away (destroy, free, unmap: ev_lock_forgotten) the node and
 * its edges go, and the next lock at that address is a new node with a new
 * id, so no edge of a freed lock ever joins a cycle of its successor. Ids
 * are never reused, so the threads' caches never need clearing.
 *
 * Locking: graph_lock guards the graph (nodes by id, edges by key, the
 * node table's writes, reported cycles). Nothing is reported while it is
 * held: a cycle is copied out and reported after.
 */
#include "lockgraph.h"
#include "lockstack.h"
#include "options.h"
#include "report_tools.h"
#include "rt_uthash.h"

#define CYCLE_MAX 10       /* locks in a cycle looked for */
#define SEARCH_BUDGET 4096 /* edges one search may look at */
#define CACHE_SIZE 256     /* edges a thread remembers (power of two) */
#define EDGE_STACK 32      /* frames of an edge's acquisition kept */

#define FROM_READ 1u /* the held lock is held for reading */
#define TO_READ 2u   /* the new lock is taken for reading */

static rt_lock graph_lock;

/* ---- node ids by address: an open-addressing table, read without lock ---- */

struct node_slot {
    uintptr_t addr; /* 0: empty; written once */
    uint32_t id;    /* the lock's current node; 0: none (forgotten) */
};

struct node_table {
    uint64_t mask;
    uint64_t used;
    int retired; /* a bigger table replaced it: look there (under the lock) */
    struct node_slot s[];
};

static struct node_table *nodes; /* written under graph_lock (release) */
static uint32_t next_id = 1;     /* guarded by graph_lock */

static uint64_t addr_hash(uintptr_t a)
{
    return (a * 0x9E3779B97F4A7C15ull) >> 17;
}

/* The node id of addr without the lock: its id, 0 for none; *sure is 0
 * when the table was replaced meanwhile (then ask under the lock). */
static uint32_t node_peek(uintptr_t addr, int *sure)
{
    struct node_table *tb = __atomic_load_n(&nodes, __ATOMIC_ACQUIRE);
    *sure = 1;
    if (!tb)
        return 0;
    uint32_t id = 0;
    for (uint64_t i = addr_hash(addr) & tb->mask;; i = (i + 1) & tb->mask) {
        uintptr_t a = __atomic_load_n(&tb->s[i].addr, __ATOMIC_ACQUIRE);
        if (a == addr)
            id = __atomic_load_n(&tb->s[i].id, __ATOMIC_ACQUIRE);
        if (a == addr || a == 0)
            break;
    }
    if (__atomic_load_n(&tb->retired, __ATOMIC_ACQUIRE)) {
        *sure = 0;
        return 0;
    }
    return id;
}

static struct node_slot *table_slot(struct node_table *tb, uintptr_t addr)
{
    uint64_t i = addr_hash(addr) & tb->mask;
    while (tb->s[i].addr && tb->s[i].addr != addr)
        i = (i + 1) & tb->mask;
    return &tb->s[i];
}

/* A table twice as big (or the first one); the old one is kept, never
 * freed: readers may still be in it (it is at most as big as the new). */
static void table_grow(void)
{
    struct node_table *old = nodes;
    uint64_t cap = old ? 2 * (old->mask + 1) : 1024;
    struct node_table *tb = rt_alloc(sizeof *tb + cap * sizeof tb->s[0]);
    tb->mask = cap - 1;
    for (uint64_t i = 0; old && i <= old->mask; i++) {
        if (!old->s[i].addr)
            continue;
        *table_slot(tb, old->s[i].addr) = old->s[i];
        tb->used++;
    }
    __atomic_store_n(&nodes, tb, __ATOMIC_RELEASE);
    if (old)
        __atomic_store_n(&old->retired, 1, __ATOMIC_RELEASE);
}

/* ---- the graph (graph_lock held) ---- */

struct lg_key {
    uint32_t from, to; /* node ids */
    uint32_t gates;    /* sum of mixed ids of the other locks held exclusively */
    uint32_t modes;    /* FROM_READ, TO_READ */
};

struct lg_edge {
    struct lg_key key;
    UT_hash_handle hh;    /* in `edges`, by key */
    struct lg_edge *next; /* in its from node's list */
    uintptr_t from_addr, to_addr;
    uint32_t ngates;
    uint32_t gate[LS_MAX]; /* the other locks held exclusively */
    struct kept_thread thr;
    uint32_t nacq, nheld;
    uintptr_t acq[EDGE_STACK]; /* where `to` was taken */
    uintptr_t held[LS_STACK];  /* where `from` was taken */
};

struct lg_node {
    uint32_t id;
    uintptr_t addr;
    struct lg_edge *out;
    UT_hash_handle hh;
};

static struct lg_node *graph; /* by id */
static struct lg_edge *edges; /* by key */
struct lg_seen {
    uint64_t key;
    UT_hash_handle hh;
};
static struct lg_seen *reported; /* cycles reported, by their set of node ids */

static struct lg_node *node_by_id(uint32_t id)
{
    struct lg_node *n;
    HASH_FIND(hh, graph, &id, sizeof id, n);
    return n;
}

/* addr's node, made if it has none. */
static struct lg_node *node_make(uintptr_t addr)
{
    if (!nodes || 2 * (nodes->used + 1) > nodes->mask + 1)
        table_grow();
    struct node_slot *s = table_slot(nodes, addr);
    if (s->addr && s->id)
        return node_by_id(s->id);
    struct lg_node *n = rt_alloc(sizeof *n);
    n->id = next_id++;
    n->addr = addr;
    HASH_ADD(hh, graph, id, sizeof n->id, n);
    __atomic_store_n(&s->id, n->id, __ATOMIC_RELEASE);
    if (!s->addr) {
        nodes->used++;
        __atomic_store_n(&s->addr, addr, __ATOMIC_RELEASE);
    }
    return n;
}

static void edge_free(struct lg_edge *e)
{
    HASH_DEL(edges, e);
    rt_free(e);
}

/* Drop n's edges into forgotten nodes (a list grows only with this done). */
static void prune(struct lg_node *n)
{
    for (struct lg_edge **p = &n->out; *p;) {
        struct lg_edge *e = *p;
        if (node_by_id(e->key.to)) {
            p = &e->next;
        } else {
            *p = e->next;
            edge_free(e);
        }
    }
}

/* The lock at addr is gone: its node and the edges out of it. Edges into
 * it are dropped when a search meets them. */
static void node_forget(uintptr_t addr)
{
    if (!nodes)
        return;
    struct node_slot *s = table_slot(nodes, addr);
    struct lg_node *n = s->addr ? node_by_id(s->id) : 0;
    if (!n)
        return;
    __atomic_store_n(&s->id, 0, __ATOMIC_RELEASE);
    while (n->out) {
        struct lg_edge *e = n->out;
        n->out = e->next;
        edge_free(e);
    }
    HASH_DEL(graph, n);
    rt_free(n);
}

/* ---- cycles ---- */

/* The locks an edge's thread held exclusively when it took `to`. */
static int holds_exclusively(const struct lg_edge *e, uint32_t id)
{
    if (e->key.from == id && !(e->key.modes & FROM_READ))
        return 1;
    for (uint32_t i = 0; i < e->ngates; i++)
        if (e->gate[i] == id)
            return 1;
    return 0;
}

/* Could both edges' threads be where they were at once? Not if one lock
 * was held exclusively by both. */
static int compatible(const struct lg_edge *a, const struct lg_edge *b)
{
    if (!(a->key.modes & FROM_READ) && holds_exclusively(b, a->key.from))
        return 0;
    for (uint32_t i = 0; i < a->ngates; i++)
        if (holds_exclusively(b, a->gate[i]))
            return 0;
    return 1;
}

struct search {
    uint32_t target; /* the new edge's from: the cycle closes there */
    struct lg_edge *path[CYCLE_MAX];
    uint32_t len;
    uint32_t budget;
};

static int may_extend(const struct search *s, const struct lg_edge *e)
{
    for (uint32_t i = 0; i < s->len; i++)
        if (s->path[i]->key.to == e->key.to || !compatible(s->path[i], e))
            return 0;
    return 1;
}

/* Depth-first from node n, wanted by the path's last edge for reading
 * (in_read) or not: a path of edges back to the target. Edges into
 * forgotten nodes are dropped on the way. */
static int search_from(struct search *s, struct lg_node *n, int in_read)
{
    for (struct lg_edge **p = &n->out; *p;) {
        struct lg_edge *e = *p;
        if (!node_by_id(e->key.to)) {
            *p = e->next;
            edge_free(e);
            continue;
        }
        p = &e->next;
        if (s->budget == 0)
            return 0;
        s->budget--;
        /* n held for reading by e's thread and wanted for reading: no wait */
        if (in_read && (e->key.modes & FROM_READ))
            continue;
        if (e->key.to != s->target && !may_extend(s, e))
            continue;
        if (e->key.to == s->target) {
            int closes = !(e->key.modes & TO_READ && s->path[0]->key.modes & FROM_READ);
            for (uint32_t i = 0; i < s->len && closes; i++)
                closes = compatible(s->path[i], e);
            if (closes) {
                s->path[s->len++] = e;
                return 1;
            }
            continue;
        }
        if (s->len + 1 >= CYCLE_MAX)
            continue;
        s->path[s->len++] = e;
        if (search_from(s, node_by_id(e->key.to), (e->key.modes & TO_READ) != 0))
            return 1;
        s->len--;
    }
    return 0;
}

/* What a report needs of a cycle, copied out of the graph. */
struct lg_cycle {
    uint32_t n;
    struct lg_edge e[CYCLE_MAX]; /* e[i].to == e[i + 1].from; hh and next unused */
};

/* Has this set of locks been reported as a cycle before (else remember)? */
static int cycle_seen(const struct search *s)
{
    uint64_t key = 0;
    for (uint32_t i = 0; i < s->len; i++)
        key += (uint64_t)s->path[i]->key.from * 0x9E3779B97F4A7C15ull;
    struct lg_seen *seen;
    HASH_FIND(hh, reported, &key, sizeof key, seen);
    if (seen)
        return 1;
    seen = rt_alloc(sizeof *seen);
    seen->key = key;
    HASH_ADD(hh, reported, key, sizeof seen->key, seen);
    return 0;
}

/* A cycle through the new edge e, copied out oldest edges first (the new
 * edge last); NULL if none or already reported. */
static struct lg_cycle *find_cycle(struct lg_edge *e)
{
    struct lg_node *to = node_by_id(e->key.to);
    struct search s = {.target = e->key.from, .len = 1, .budget = SEARCH_BUDGET};
    s.path[0] = e;
    if (!to || !search_from(&s, to, (e->key.modes & TO_READ) != 0) || cycle_seen(&s))
        return 0;
    struct lg_cycle *c = rt_alloc(sizeof *c);
    c->n = s.len;
    for (uint32_t i = 1; i < s.len; i++)
        c->e[i - 1] = *s.path[i];
    c->e[s.len - 1] = *e;
    return c;
}

/* ---- edges ---- */

static uint32_t mix(uint32_t id)
{
    return id * 2654435761u;
}

/* The new edge from held entry h of ls to the lock at addr (node to),
 * taken by t at pc; graph_lock held. Returns a cycle to report, if any. */
static struct lg_cycle *edge_add(struct crace_thread *t, struct ls_thread *ls,
                                 const struct ls_entry *h, const struct lg_key *key, uintptr_t addr,
                                 uintptr_t pc)
{
    struct lg_edge *e;
    HASH_FIND(hh, edges, key, sizeof *key, e);
    struct lg_node *from = node_by_id(key->from);
    if (e || !from || !node_by_id(key->to))
        return 0; /* known, or a lock forgotten meanwhile */
    e = rt_alloc(sizeof *e);
    e->key = *key;
    e->from_addr = h->addr;
    e->to_addr = addr;
    for (uint32_t i = 0; i < ls->n; i++)
        if (&ls->e[i] != h && !(ls->e[i].flags & EV_READ) && ls->e[i].addr != h->addr)
            e->gate[e->ngates++] = ls->e[i].node;
    kept_thread_fill(&e->thr, t);
    e->nacq = thread_stack_copy(t, pc, e->acq, EDGE_STACK);
    e->nheld = h->depth < LS_STACK ? h->depth : LS_STACK;
    rt_memcpy(e->held, h->stack, e->nheld * sizeof e->held[0]);
    HASH_ADD(hh, edges, key, sizeof e->key, e);
    prune(from);
    e->next = from->out;
    from->out = e;
    return find_cycle(e);
}

/* Per slot: the edges its threads already know (ids are never reused). */
struct lg_cache {
    struct lg_key k[CACHE_SIZE];
};
static struct lg_cache *caches[CELL_MAX_SLOTS];

static struct lg_key *cache_entry(struct crace_thread *t, const struct lg_key *k)
{
    struct lg_cache *c = caches[t->slot];
    if (!c)
        c = caches[t->slot] = rt_alloc(sizeof *c);
    uint32_t h = (k->from * 0x9E3779B1u) ^ (k->to * 0x85EBCA77u) ^ k->gates ^ k->modes;
    return &c->k[(h ^ (h >> 16)) & (CACHE_SIZE - 1)];
}

/* addr's node id, made under the lock if it has none yet. */
static uint32_t node_id(uintptr_t addr)
{
    int sure;
    uint32_t id = node_peek(addr, &sure);
    if (id)
        return id;
    rt_lock_acquire(&graph_lock);
    id = node_make(addr)->id;
    rt_lock_release(&graph_lock);
    return id;
}

static void report_cycle(struct crace_thread *t, struct lg_cycle *c);

/*
 * An edge from each held lock, unless the thread holds addr already (a
 * recursive lock, a second read lock) or some held locks were not kept.
 */
void lockgraph_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    struct ls_thread *ls = lockstack_of(t);
    if (likely(!ls || ls->n == 0) || (flags & EV_TRY) || ls->lost)
        return;
    if (t->wait.obj == addr && (t->wait.flags & EV_TIMED))
        return; /* a timed call: it gives up instead of deadlocking */
    uint32_t gates = 0;
    for (uint32_t i = 0; i < ls->n; i++) {
        struct ls_entry *h = &ls->e[i];
        if (h->addr == addr)
            return;
        if (!h->node)
            h->node = node_id(h->addr);
        if (!(h->flags & EV_READ))
            gates += mix(h->node);
    }
    uint32_t to = node_id(addr);
    for (uint32_t i = 0; i < ls->n; i++) {
        struct ls_entry *h = &ls->e[i];
        int excl = !(h->flags & EV_READ);
        struct lg_key key = {h->node, to, gates - (excl ? mix(h->node) : 0),
                             (excl ? 0 : FROM_READ) | ((flags & EV_READ) ? TO_READ : 0)};
        struct lg_key *slot = cache_entry(t, &key);
        if (!__builtin_memcmp(slot, &key, sizeof key))
            continue;
        rt_lock_acquire(&graph_lock);
        struct lg_cycle *c = edge_add(t, ls, h, &key, addr, pc);
        rt_lock_release(&graph_lock);
        *slot = key;
        if (c)
            report_cycle(t, c);
    }
}

void lockgraph_forgotten(uintptr_t addr)
{
    int sure;
    if (!node_peek(addr, &sure) && sure)
        return;
    rt_lock_acquire(&graph_lock);
    node_forget(addr);
    rt_lock_release(&graph_lock);
}

/* ---- the report ---- */

/* Where a cycle was made: its edges' stacks, in any order. */
static uintptr_t cycle_where(const struct lg_cycle *c)
{
    uintptr_t where = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        uintptr_t h = 0;
        for (uint32_t k = 0; k < c->e[i].nacq; k++)
            h = (h ^ c->e[i].acq[k]) * 0x100000001b3ull;
        for (uint32_t k = 0; k < c->e[i].nheld; k++)
            h = (h ^ c->e[i].held[k]) * 0x100000001b3ull;
        where += h * 0x9E3779B97F4A7C15ull;
    }
    return where;
}

/* Each edge's stacks, the mutexes in cycle order (M1 is the first edge's
 * held lock), the threads; dropped if a lock_order: rule matches a frame,
 * or a cycle made at the same places (every stack the same) was reported:
 * the same code run by other threads or on other objects. */
static void cycle_job(void *arg)
{
    struct lg_cycle *c = arg;
    if (report_once(REPORT_LOCK_ORDER, cycle_where(c), c->n))
        return;
    struct crace_report r = {0};
    int suppressed = 0;
    report_tools_begin(&r, REPORT_LOCK_ORDER, 2 * c->n, c->n, c->n);
    r.tools->cycle = report_model_alloc(&r, c->n * sizeof *r.tools->cycle);
    for (uint32_t i = 0; i < c->n; i++)
        r.tools->cycle[r.tools->ncycle++] = report_tools_mutex(&r, c->e[i].from_addr);
    for (uint32_t i = 0; i < c->n; i++) {
        const struct lg_edge *e = &c->e[i];
        struct report_site *s = report_tools_site(&r, SITE_ACQUIRED, e->acq, e->nacq, &suppressed);
        s->mutex = report_tools_mutex(&r, e->to_addr);
        s->other = report_tools_mutex(&r, e->from_addr);
        report_kept_thread_ref(&r, &s->thread, &e->thr);
        s = report_tools_site(&r, SITE_HELD_SINCE, e->held, e->nheld, &suppressed);
        s->mutex = report_tools_mutex(&r, e->from_addr);
        report_kept_thread_ref(&r, &s->thread, &e->thr);
    }
    for (uint32_t i = 0; i < c->n; i++)
        report_tools_thread(&r, &c->e[i].thr);
    report_tools_end(&r);
    report_print(&r, suppressed);
    report_model_free(&r);
}

static void report_cycle(struct crace_thread *t, struct lg_cycle *c)
{
    report_call(t, cycle_job, c);
    rt_free(c);
}
