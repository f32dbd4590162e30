/*
 * clock.c - vector clock operations (the O(threads) slow path taken on
 * synchronization: lock, unlock, create, join, atomics with ordering).
 */
#include "clock.h"
#include "rt.h"

static void vclock_reserve(struct vclock *c, uint32_t len)
{
    uint32_t had = c->cap & ~VCLOCK_LENT;
    if (len <= had)
        return;
    uint32_t cap = had ? had : 8;
    while (cap < len)
        cap *= 2;
    if (c->cap & VCLOCK_LENT) { /* leave the lent storage: copy what it held */
        uint64_t *e = rt_alloc(cap * sizeof(uint64_t));
        rt_memcpy(e, c->e, had * sizeof(uint64_t));
        c->e = e;
    } else {
        c->e = rt_realloc(c->e, cap * sizeof(uint64_t));
    }
    rt_memset(c->e + had, 0, (cap - had) * sizeof(uint64_t));
    c->cap = cap;
}

void vclock_init_lent(struct vclock *c, uint64_t *storage, uint32_t cap)
{
    c->e = storage;
    c->len = 0;
    c->cap = cap | VCLOCK_LENT;
}

static void vclock_extend(struct vclock *c, uint32_t len)
{
    if (len <= c->len)
        return;
    vclock_reserve(c, len);
    for (uint32_t i = c->len; i < len; i++)
        c->e[i] = 0;
    c->len = len;
}

void vclock_set(struct vclock *c, uint32_t slot, uint64_t epoch)
{
    vclock_extend(c, slot + 1);
    c->e[slot] = epoch;
}

void vclock_join(struct vclock *dst, const struct vclock *src)
{
    vclock_extend(dst, src->len);
    for (uint32_t i = 0; i < src->len; i++)
        if (src->e[i] > dst->e[i])
            dst->e[i] = src->e[i];
}

void vclock_copy(struct vclock *dst, const struct vclock *src)
{
    vclock_extend(dst, src->len);
    rt_memcpy(dst->e, src->e, src->len * sizeof(uint64_t));
    for (uint32_t i = src->len; i < dst->len; i++)
        dst->e[i] = 0;
}

int vclock_le(const struct vclock *a, const struct vclock *b)
{
    for (uint32_t i = 0; i < a->len; i++)
        if (a->e[i] > vclock_get(b, i))
            return 0;
    return 1;
}

void vclock_free(struct vclock *c)
{
    if (!(c->cap & VCLOCK_LENT))
        rt_free(c->e);
    c->e = 0;
    c->len = c->cap = 0;
}
