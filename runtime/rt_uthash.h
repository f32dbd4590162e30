/*
 * rt_uthash.h - uthash configured to allocate through the runtime's own
 * allocator (never through the program's intercepted malloc). Include this
 * instead of <uthash.h>.
 */
#ifndef CRACE_RT_UTHASH_H
#define CRACE_RT_UTHASH_H

#include "rt.h"

#include <stdint.h>

#define uthash_malloc(sz) rt_alloc(sz)
#define uthash_free(ptr, sz) rt_free(ptr)
#define uthash_fatal(msg) rt_die("%s", msg)
#define uthash_bzero(a, n) rt_memset(a, 0, n)
#define HASH_KEYCMP(a, b, n) rt_keycmp(a, b, n)
#define HASH_FUNCTION(keyptr, keylen, hashv) ((hashv) = rt_hash(keyptr, keylen))

static inline uint64_t rt_load64(const void *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8); /* a builtin even under -fno-builtin: one load */
    return v;
}

/*
 * Key comparison without reaching the program's (intercepted) memcmp; the
 * keys here are addresses, pthread_t values and pairs of them, compared a
 * word at a time. Only equality matters to uthash.
 */
static inline int rt_keycmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (rt_load64(x + i) != rt_load64(y + i))
            return 1;
    for (; i < n; i++)
        if (x[i] != y[i])
            return 1;
    return 0;
}

/* A multiplicative hash of word-sized keys (uthash's default hashes byte
 * by byte: sync objects and heap blocks are looked up on every lock and
 * every malloc/free). */
static inline unsigned rt_hash(const void *key, size_t n)
{
    const unsigned char *k = key;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h = (h ^ rt_load64(k + i)) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < n; i++)
        h = (h ^ k[i]) * 0x100000001b3ull;
    h ^= h >> 29;
    return (unsigned)h;
}
#include <uthash.h>

#endif
