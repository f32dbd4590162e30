/*
 * rt_uthash.h - uthash configured to allocate through the runtime's own
 * allocator (never through the program's intercepted malloc). Include this
 * instead of <uthash.h>.
 */
#ifndef CRACE_RT_UTHASH_H
#define CRACE_RT_UTHASH_H

#include "rt.h"

#define uthash_malloc(sz) rt_alloc(sz)
#define uthash_free(ptr, sz) rt_free(ptr)
#define uthash_fatal(msg) rt_die("%s", msg)
#define uthash_bzero(a, n) rt_memset(a, 0, n)
#define HASH_KEYCMP(a, b, n) rt_keycmp(a, b, n)

/* Key comparison without reaching the program's (intercepted) memcmp. */
static inline int rt_keycmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}
#include <uthash.h>

#endif
