/*
 * intercept_malloc.c - the allocation family. Blocks still come from
 * glibc's allocator; the runtime only makes a new block look fresh (no
 * access history carried over from the memory's previous life) and drops
 * sync objects that lived in a freed block.
 */

#include "intercept.h"
#include "shadow.h"
#include "sync.h"

#include <errno.h>
#include <malloc.h>
#include <unistd.h>

static void on_alloc(void *p)
{
    if (p && intercept_thread())
        shadow_clear((uintptr_t)p, malloc_usable_size(p));
}

static void on_free(void *p)
{
    if (p && intercept_thread())
        sync_forget((uintptr_t)p, malloc_usable_size(p));
}

RT_EXPORT void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    on_alloc(p);
    return p;
}

RT_EXPORT void *calloc(size_t n, size_t m)
{
    void *p = __libc_calloc(n, m);
    on_alloc(p);
    return p;
}

RT_EXPORT void *realloc(void *old, size_t n)
{
    if (!old)
        return malloc(n);
    size_t old_size = malloc_usable_size(old);
    void *p = __libc_realloc(old, n);
    if (p && p != old) {
        on_free(old);
        on_alloc(p);
    } else if (p && malloc_usable_size(p) > old_size && intercept_thread()) {
        shadow_clear((uintptr_t)p + old_size, malloc_usable_size(p) - old_size);
    }
    return p;
}

RT_EXPORT void *reallocarray(void *old, size_t n, size_t m)
{
    size_t total;
    if (__builtin_mul_overflow(n, m, &total)) {
        errno = ENOMEM;
        return 0;
    }
    return realloc(old, total);
}

RT_EXPORT void free(void *p)
{
    on_free(p);
    __libc_free(p);
}

RT_EXPORT void cfree(void *p)
{
    free(p);
}

RT_EXPORT void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    on_alloc(p);
    return p;
}

RT_EXPORT void *aligned_alloc(size_t align, size_t n)
{
    if (align == 0 || (align & (align - 1))) {
        errno = EINVAL;
        return 0;
    }
    return memalign(align, n);
}

RT_EXPORT int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    on_alloc(p);
    *out = p;
    return 0;
}

RT_EXPORT void *valloc(size_t n)
{
    return memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

RT_EXPORT void *pvalloc(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return memalign(page, (n + page - 1) & ~(page - 1));
}
