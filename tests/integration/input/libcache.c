/* libcache.c - an uninstrumented library with a private cache: each call
 * replaces the cached block under the library's own spinlock (plain
 * atomics, invisible to crace) and frees the block it replaced, which
 * another thread may have allocated. Its malloc/free calls are reported as
 * racing unless `called_from_lib:libcache` is suppressed. */
#include <stdlib.h>

static int lock;
static long *cached;

static void spin_lock(void)
{
    while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
        ;
}

static void spin_unlock(void)
{
    __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

long cache_replace(long value)
{
    long *fresh = malloc(sizeof *fresh), *old;
    if (!fresh)
        return 0;
    *fresh = value;
    spin_lock();
    old = cached;
    cached = fresh;
    spin_unlock();
    value = old ? *old : 0;
    free(old);
    return value;
}
