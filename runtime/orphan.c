/*
 * orphan.c - the orphaned epochs of each slot (orphan.h): per slot, an
 * ascending list in chunks allocated on demand, kept as a ring of the
 * newest ORPHANS_PER_SLOT.
 */
#include "orphan.h"
#include "rt.h"

#define CHUNK 512
#define CHUNKS 8
#define ORPHANS_PER_SLOT (CHUNK * CHUNKS)

struct orphans {
    uint64_t *chunk[CHUNKS];
    uint64_t count; /* stored so far (the ring holds the newest) */
};

uint64_t orphan_newest[CELL_MAX_SLOTS];
static struct orphans *by_slot[CELL_MAX_SLOTS];

static uint64_t *entry(struct orphans *o, uint64_t i)
{
    uint64_t *c = __atomic_load_n(&o->chunk[(i / CHUNK) % CHUNKS], __ATOMIC_ACQUIRE);
    return c ? &c[i % CHUNK] : 0;
}

void orphan_add(uint32_t slot, uint64_t epoch)
{
    if (epoch == 0 || epoch <= orphan_newest[slot])
        return;
    struct orphans *o = by_slot[slot];
    if (!o) {
        o = rt_alloc(sizeof *o);
        __atomic_store_n(&by_slot[slot], o, __ATOMIC_RELEASE);
    }
    uint64_t i = o->count;
    unsigned k = (unsigned)((i / CHUNK) % CHUNKS);
    if (!o->chunk[k])
        __atomic_store_n(&o->chunk[k], rt_alloc(CHUNK * sizeof(uint64_t)), __ATOMIC_RELEASE);
    __atomic_store_n(&o->chunk[k][i % CHUNK], epoch, __ATOMIC_RELAXED);
    __atomic_store_n(&o->count, i + 1, __ATOMIC_RELEASE);
    __atomic_store_n(&orphan_newest[slot], epoch, __ATOMIC_RELEASE);
}

/*
 * Binary search of the kept entries, which ascend. A writer overwriting the
 * oldest chunk meanwhile can make the search miss (a cell then looks
 * ordered, as it did before this file); whatever it finds is an orphan.
 */
int orphan_lookup(uint32_t slot, uint64_t epoch)
{
    struct orphans *o = __atomic_load_n(&by_slot[slot], __ATOMIC_ACQUIRE);
    if (!o)
        return 0;
    uint64_t n = __atomic_load_n(&o->count, __ATOMIC_ACQUIRE);
    uint64_t lo = n > ORPHANS_PER_SLOT ? n - ORPHANS_PER_SLOT : 0, hi = n;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        uint64_t *p = entry(o, mid);
        uint64_t v = p ? __atomic_load_n(p, __ATOMIC_RELAXED) : 0;
        if (v == epoch)
            return 1;
        if (v < epoch)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
