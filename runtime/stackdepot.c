/*
 * stackdepot.c - call stacks stored once (stackdepot.h).
 *
 * Stacks live in one reserved mapping (DEPOT_BYTES, MAP_NORESERVE: pages
 * are populated as stacks are added), as entries of 64-bit words:
 *
 *   w0 = next entry in its bucket's chain (id, 0 = end) | hash << 32
 *   w1 = frames, then the frames themselves
 *
 * An id is the entry's word index (word 0 is never used). Space is taken
 * by an atomic add on the words used; an entry is filled before it is
 * published by a compare-and-swap of its bucket head (release), and never
 * changes afterwards, so lookups walk chains without a lock. Two threads
 * adding the same new stack at once: the loser of the CAS finds the
 * winner's entry on its second walk and leaves its own unused.
 */
#include "stackdepot.h"
#include "rt.h"

#define DEPOT_BYTES (256ul << 20)
#define DEPOT_WORDS (DEPOT_BYTES / 8)
#define DEPOT_MAX_FRAMES 256 /* longer stacks are cut to their innermost frames */
#define BUCKET_BITS 18

static uint64_t *words;                     /* the mapping; set once (CAS) */
static uint64_t used = 1;                   /* words taken; atomic */
static uint32_t buckets[1u << BUCKET_BITS]; /* chain heads (ids); atomic */

static uint32_t hash_of(const uintptr_t *pcs, uint32_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    for (uint32_t i = 0; i < n; i++) {
        h ^= pcs[i];
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 33;
    }
    return (uint32_t)h;
}

static uint64_t *depot_words(void)
{
    uint64_t *w = __atomic_load_n(&words, __ATOMIC_ACQUIRE);
    if (likely(w != 0))
        return w;
    uint64_t *fresh = rt_map(DEPOT_BYTES), *none = 0;
    if (__atomic_compare_exchange_n(&words, &none, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return fresh;
    rt_unmap(fresh, DEPOT_BYTES);
    return none;
}

/* The entry in the chain from `id` holding pcs[0..n), or 0. */
static uint32_t chain_find(const uint64_t *w, uint32_t id, uint32_t hash, const uintptr_t *pcs,
                           uint32_t n)
{
    for (; id; id = (uint32_t)w[id]) {
        if ((uint32_t)(w[id] >> 32) != hash || w[id + 1] != n)
            continue;
        uint32_t i = 0;
        while (i < n && w[id + 2 + i] == pcs[i])
            i++;
        if (i == n)
            return id;
    }
    return 0;
}

uint32_t depot_put(const uintptr_t *pcs, uint32_t n)
{
    if (n == 0)
        return 0;
    if (n > DEPOT_MAX_FRAMES)
        n = DEPOT_MAX_FRAMES;
    uint64_t *w = depot_words();
    uint32_t hash = hash_of(pcs, n);
    uint32_t *head = &buckets[hash & ((1u << BUCKET_BITS) - 1)];
    uint32_t first = __atomic_load_n(head, __ATOMIC_ACQUIRE);
    uint32_t id = chain_find(w, first, hash, pcs, n);
    if (id)
        return id;
    uint64_t at = __atomic_fetch_add(&used, 2 + n, __ATOMIC_RELAXED);
    if (at + 2 + n > DEPOT_WORDS)
        return 0; /* full: the stack is not kept */
    w[at + 1] = n;
    for (uint32_t i = 0; i < n; i++)
        w[at + 2 + i] = pcs[i];
    for (;;) {
        w[at] = first | (uint64_t)hash << 32;
        if (__atomic_compare_exchange_n(head, &first, (uint32_t)at, 0, __ATOMIC_RELEASE,
                                        __ATOMIC_ACQUIRE))
            return (uint32_t)at;
        /* someone else added to this bucket: perhaps this very stack */
        id = chain_find(w, first, hash, pcs, n);
        if (id)
            return id;
    }
}

uint32_t depot_get(uint32_t id, uintptr_t *out, uint32_t max)
{
    uint64_t *w = __atomic_load_n(&words, __ATOMIC_ACQUIRE);
    uint64_t end = __atomic_load_n(&used, __ATOMIC_ACQUIRE);
    if (end > DEPOT_WORDS) /* full: the words past the end were never written */
        end = DEPOT_WORDS;
    if (!w || id == 0 || (uint64_t)id + 2 > end)
        return 0;
    uint64_t n = w[id + 1];
    if (n > DEPOT_MAX_FRAMES || id + 2 + n > end)
        return 0;
    if (n > max)
        n = max;
    for (uint64_t i = 0; i < n; i++)
        out[i] = (uintptr_t)w[id + 2 + i];
    return (uint32_t)n;
}

uint64_t depot_bytes(void)
{
    uint64_t n = __atomic_load_n(&used, __ATOMIC_RELAXED);
    return ((n < DEPOT_WORDS ? n : DEPOT_WORDS) - 1) * 8;
}
