/*
 * intercept_malloc.c - the allocation family and memory mappings. Blocks
 * still come from glibc's allocator; the runtime makes a new block look
 * fresh (no access history carried over from the memory's previous life),
 * treats free as a write that later accesses race with, holds freed blocks
 * in the quarantine (quarantine.h) before glibc gets them back, and drops
 * sync objects that lived in freed or unmapped memory. realloc always
 * moves the block (as ThreadSanitizer's does): what it means for other
 * threads is a read and a free of the old block and a new block, whether
 * or not glibc could have kept it in place.
 */

#include "access.h"
#include "heap.h"
#include "intercept.h"
#include "quarantine.h"
#include "shadow.h"
#include "suppress.h"
#include "sync.h"

#include <errno.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * glibc's allocator, with signals deferred: a handler that allocates
 * (common, though not async-signal-safe) must not find the arena lock held
 * by the code it interrupted. Without crace that is rare, most calls being
 * served from the thread's cache; the quarantine makes it common (fresh
 * blocks come from the arena), so the runtime keeps the handler out.
 */
static void *glibc_malloc(size_t n)
{
    rt_signals_defer();
    void *p = __libc_malloc(n);
    rt_signals_undefer();
    return p;
}

static void *glibc_memalign(size_t align, size_t n)
{
    rt_signals_defer();
    void *p = __libc_memalign(align, n);
    rt_signals_undefer();
    return p;
}

static void *glibc_calloc(size_t n, size_t m)
{
    rt_signals_defer();
    void *p = __libc_calloc(n, m);
    rt_signals_undefer();
    return p;
}

static void *glibc_realloc(void *old, size_t n)
{
    rt_signals_defer();
    void *p = __libc_realloc(old, n);
    rt_signals_undefer();
    return p;
}

static void glibc_free(void *p)
{
    rt_signals_defer();
    __libc_free(p);
    rt_signals_undefer();
}

/*
 * A new block: recorded for "Location is heap block", and its shadow made
 * fresh. Blocks up to STAMP_MAX bytes are treated as written by the
 * allocating thread (as ThreadSanitizer does): one history event, and the
 * block's cell 0s stamped with that write. Accessing memory that another
 * thread allocated without being ordered after the allocation is a race
 * anyway, and the allocating thread's own first accesses are then already
 * covered (the access fast path), instead of each taking the full check.
 * Larger blocks are only cleared (their shadow is handed back to the
 * kernel, not written).
 */
#define STAMP_MAX (256u << 10)

static void on_alloc(void *p, size_t size, uintptr_t pc)
{
    struct crace_thread *t = p ? intercept_thread() : 0;
    if (!t)
        return;
    int libc_own = suppress_private_alloc(&pc, (uintptr_t)p); /* fresh, no write */
    size_t usable = malloc_usable_size(p);
    if (usable <= STAMP_MAX && !t->ignore && !libc_own) {
        trace_put3(t, access_event((uintptr_t)p, 0) | EVA_RANGE, pc, usable);
        shadow_stamp((uintptr_t)p, usable, t->fast | CELL_MASK_BITS);
    } else {
        shadow_clear((uintptr_t)p, usable);
    }
    heap_add(t, (uintptr_t)p, size, usable, pc);
}

/*
 * Freeing is a write of the block, stamped "freed": it races with unordered
 * earlier accesses by other threads, and later accesses race with it until
 * the memory is allocated again (on_alloc clears it). It has its own path
 * (access_free): the ordinary coverage test would find the allocation's
 * stamp of the same epoch and record nothing. Only the first FREE_CHECKED
 * bytes are checked and stamped: a whole large block would cost a pass
 * over its shadow on every free (malloc_churn ran 3x slower), and races on
 * a freed block show up in its first bytes in practice. ThreadSanitizer
 * makes the same trade. Beyond them the block's last accesses stay in the
 * shadow: a use after free there is reported only when it races with one
 * of them (as a race with that access, Location "freed by").
 */
#define FREE_CHECKED 1024

static void on_free(struct crace_thread *t, void *p, size_t usable, uintptr_t pc)
{
    sync_forget((uintptr_t)p, usable);
    if (!suppress_private_alloc(&pc, (uintptr_t)p)) /* libc's own: not a write */
        access_free(t, (uintptr_t)p, usable < FREE_CHECKED ? usable : FREE_CHECKED, pc);
}

/*
 * A second free of a block still quarantined (its record says freed):
 * hand it back now, then repeat the second free to glibc, which reports
 * and aborts as it would without crace. Once the quarantine has handed a
 * block back, a second free reaches glibc directly.
 */
static void free_twice(void *p, uint32_t rec)
{
    if (heap_take((uintptr_t)p, rec))
        glibc_free(p);
    glibc_free(p);
}

/*
 * free(): checked, then quarantined or given back to glibc. free(NULL), a
 * call the runtime does not follow, and a block with no record (not
 * allocated through us, or freed and already handed back: a double free)
 * go straight to glibc, which diagnoses a bad pointer itself; asking it
 * the size of such a block could crash inside the runtime first.
 */
static void do_free(void *p, uintptr_t pc)
{
    struct crace_thread *t = p ? intercept_thread() : 0;
    size_t usable;
    int twice;
    uint32_t rec = t ? heap_mark_freed((uintptr_t)p, t->uid, &usable, &twice) : 0;
    if (!rec) {
        glibc_free(p);
        return;
    }
    on_free(t, p, usable, pc);
    if (twice) {
        free_twice(p, rec);
    } else if (!quarantine_put((uintptr_t)p, rec, usable)) {
        heap_take((uintptr_t)p, rec);
        glibc_free(p);
    }
}

/* Each entry point passes its caller's pc: the allocation stack starts at
 * the program's call, not inside another interceptor. */
static void *do_malloc(size_t n, uintptr_t pc)
{
    void *p = glibc_malloc(n);
    on_alloc(p, n, pc);
    return p;
}

void *intercept_malloc_at(size_t n, uintptr_t pc)
{
    return do_malloc(n, pc);
}

static void *do_memalign(size_t align, size_t n, uintptr_t pc)
{
    void *p = glibc_memalign(align, n);
    on_alloc(p, n, pc);
    return p;
}

/*
 * realloc(old, n): a new block, the old one's contents read into it, the
 * old one freed (into the quarantine); glibc's realloc(p, 0) frees p. On
 * failure nothing happens to the old block. A block with no record goes
 * to glibc's realloc (do_free explains why), and its result is new.
 */
static void *do_realloc(void *old, size_t n, uintptr_t pc)
{
    if (!old)
        return do_malloc(n, pc);
    struct crace_thread *t = intercept_thread();
    size_t usable = t ? heap_usable((uintptr_t)old) : 0;
    if (!usable) {
        void *p = glibc_realloc(old, n);
        if (t)
            on_alloc(p, n, pc);
        return p;
    }
    if (n == 0) {
        do_free(old, pc);
        return 0;
    }
    /* libc's realloc of its own block moves private memory; of a block the
     * caller lent it (getline), it is the caller's, at the caller's line. */
    int libc_own = suppress_private_alloc(&pc, (uintptr_t)old);
    void *p = glibc_malloc(n);
    if (!p)
        return 0;
    on_alloc(p, n, pc);
    size_t keep = usable < n ? usable : n;
    if (!libc_own)
        access_range(t, (uintptr_t)old, keep, CELL_READ, pc);
    rt_memcpy(p, old, keep);
    do_free(old, pc);
    return p;
}

RT_EXPORT void *malloc(size_t n)
{
    return do_malloc(n, RT_CALLER_PC());
}

/* calloc's zeroing is a write by the calling thread. */
RT_EXPORT void *calloc(size_t n, size_t m)
{
    void *p = glibc_calloc(n, m);
    uintptr_t pc = RT_CALLER_PC();
    on_alloc(p, n * m, pc);
    struct crace_thread *t = p ? intercept_thread() : 0;
    if (t && !suppress_private_alloc(&pc, (uintptr_t)p))
        access_range(t, (uintptr_t)p, n * m, 0, pc);
    return p;
}

RT_EXPORT void *realloc(void *old, size_t n)
{
    return do_realloc(old, n, RT_CALLER_PC());
}

RT_EXPORT void *reallocarray(void *old, size_t n, size_t m)
{
    size_t total;
    if (__builtin_mul_overflow(n, m, &total)) {
        errno = ENOMEM;
        return 0;
    }
    return do_realloc(old, total, RT_CALLER_PC());
}

RT_EXPORT void free(void *p)
{
    do_free(p, RT_CALLER_PC());
}

RT_EXPORT void cfree(void *p)
{
    do_free(p, RT_CALLER_PC());
}

RT_EXPORT void *memalign(size_t align, size_t n)
{
    return do_memalign(align, n, RT_CALLER_PC());
}

RT_EXPORT void *aligned_alloc(size_t align, size_t n)
{
    if (align == 0 || (align & (align - 1))) {
        errno = EINVAL;
        return 0;
    }
    return do_memalign(align, n, RT_CALLER_PC());
}

RT_EXPORT int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = do_memalign(align, n, RT_CALLER_PC());
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

RT_EXPORT void *valloc(size_t n)
{
    return do_memalign((size_t)sysconf(_SC_PAGESIZE), n, RT_CALLER_PC());
}

RT_EXPORT void *pvalloc(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return do_memalign(page, (n + page - 1) & ~(page - 1), RT_CALLER_PC());
}

/* New mappings are fresh memory; unmapped memory forgets its history. */
static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
RT_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (unlikely(!real_mmap))
        real_mmap = rt_real("mmap");
    void *p = real_mmap(addr, len, prot, flags, fd, off);
    if (p != MAP_FAILED && intercept_thread())
        shadow_clear((uintptr_t)p, len);
    return p;
}

RT_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return mmap(addr, len, prot, flags, fd, off);
}

static int (*real_munmap)(void *, size_t);
RT_EXPORT int munmap(void *addr, size_t len)
{
    if (unlikely(!real_munmap))
        real_munmap = rt_real("munmap");
    if (intercept_thread()) {
        sync_forget((uintptr_t)addr, len);
        shadow_clear((uintptr_t)addr, len);
    }
    return real_munmap(addr, len);
}
