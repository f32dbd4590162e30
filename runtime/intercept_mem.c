/*
 * intercept_mem.c - memcpy, memmove and memset (clang calls them for
 * struct copies and zeroing, both compilers for variable sizes) and the
 * __tsan_mem* entry points newer compilers emit instead. Each is checked as
 * a read of the source range and a write of the destination range.
 */
#include "access.h"
#include "intercept.h"
#include "suppress.h"

/* The thread to check for; NULL for the runtime's own calls, ignored
 * threads and calls from a called_from_lib library (suppress.h). */
static inline struct crace_thread *mem_thread(uintptr_t pc)
{
    struct crace_thread *t = likely(rt_initialized) ? thread_current() : 0;
    return (t && !t->in_rt && !t->ignore && !suppress_caller(pc)) ? t : 0;
}

static void *do_memcpy(void *d, const void *s, size_t n, uintptr_t pc)
{
    struct crace_thread *t = mem_thread(pc);
    if (t) {
        access_range(t, (uintptr_t)s, n, CELL_READ, pc);
        access_range(t, (uintptr_t)d, n, 0, pc);
    }
    return rt_memcpy(d, s, n);
}

static void *do_memmove(void *d, const void *s, size_t n, uintptr_t pc)
{
    struct crace_thread *t = mem_thread(pc);
    if (t) {
        access_range(t, (uintptr_t)s, n, CELL_READ, pc);
        access_range(t, (uintptr_t)d, n, 0, pc);
    }
    return rt_memmove(d, s, n);
}

static void *do_memset(void *d, int c, size_t n, uintptr_t pc)
{
    struct crace_thread *t = mem_thread(pc);
    if (t)
        access_range(t, (uintptr_t)d, n, 0, pc);
    return rt_memset(d, c, n);
}

RT_EXPORT void *memcpy(void *d, const void *s, size_t n)
{
    return do_memcpy(d, s, n, RT_CALLER_PC());
}

RT_EXPORT void *memmove(void *d, const void *s, size_t n)
{
    return do_memmove(d, s, n, RT_CALLER_PC());
}

RT_EXPORT void *memset(void *d, int c, size_t n)
{
    return do_memset(d, c, n, RT_CALLER_PC());
}

RT_EXPORT void *__tsan_memcpy(void *d, const void *s, unsigned long n)
{
    return do_memcpy(d, s, n, RT_CALLER_PC());
}

RT_EXPORT void *__tsan_memmove(void *d, const void *s, unsigned long n)
{
    return do_memmove(d, s, n, RT_CALLER_PC());
}

RT_EXPORT void *__tsan_memset(void *d, int c, unsigned long n)
{
    return do_memset(d, c, n, RT_CALLER_PC());
}
