/*
 * annotations.c - the public API of include/crace.h: explicit
 * happens-before edges, ignore regions and thread names.
 */
#include "crace.h"
#include "intercept.h"
#include "sync.h"

RT_EXPORT void crace_release(const volatile void *addr)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)addr);
}

RT_EXPORT void crace_acquire(const volatile void *addr)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_acquire(t, (uintptr_t)addr);
}

RT_EXPORT void crace_ignore_begin(void)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        t->ignore++;
}

RT_EXPORT void crace_ignore_end(void)
{
    struct crace_thread *t = intercept_thread();
    if (t && t->ignore > 0)
        t->ignore--;
}

RT_EXPORT void crace_thread_name(const char *name)
{
    struct crace_thread *t = intercept_thread();
    if (t && name)
        thread_set_name(t, name);
}
