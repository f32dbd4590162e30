/*
 * fd.c - the descriptor table behind fd.h: one word per descriptor number,
 * in one runtime mapping. The word holds the descriptor's channel key (0 =
 * none), and its address is the memory the descriptor's uses and closes
 * access. The runtime reads and writes the word itself with atomics; it is
 * never instrumented, so only the modelled accesses reach its shadow.
 */
#include "fd.h"
#include "access.h"
#include "suppress.h"
#include "sync.h"

#define FD_MAX (1u << 20)

/* Written by the thread that creates or closes a descriptor; entries are
 * whole words, read without a lock. */
static uintptr_t *fd_table;
static uint64_t next_chan = 4; /* atomic counter of fresh channel keys */

static uintptr_t *table(void)
{
    uintptr_t *tab = __atomic_load_n(&fd_table, __ATOMIC_ACQUIRE);
    if (!tab) {
        uintptr_t *fresh = rt_map(FD_MAX * sizeof(uintptr_t));
        if (__atomic_compare_exchange_n(&fd_table, &tab, fresh, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE))
            tab = fresh;
        else
            rt_unmap(fresh, FD_MAX * sizeof(uintptr_t));
    }
    return tab;
}

static int in_range(int fd)
{
    return fd >= 0 && (unsigned)fd < FD_MAX;
}

uintptr_t fd_new_chan(void)
{
    return FD_CHAN_BASE + 8 * __atomic_fetch_add(&next_chan, 1, __ATOMIC_RELAXED);
}

uintptr_t fd_chan(int fd)
{
    return in_range(fd) ? __atomic_load_n(&table()[fd], __ATOMIC_RELAXED) : 0;
}

static void set_chan(int fd, uintptr_t key)
{
    __atomic_store_n(&table()[fd], key, __ATOMIC_RELAXED);
}

void fd_release(struct crace_thread *t, int fd)
{
    uintptr_t key = fd_chan(fd);
    if (key)
        sync_release(t, key);
}

void fd_acquire(struct crace_thread *t, int fd)
{
    uintptr_t key = fd_chan(fd);
    if (key)
        sync_acquire(t, key);
}

/* The descriptor's word, when its accesses are checked. */
static uintptr_t checked_word(int fd, uintptr_t pc)
{
    if (!in_range(fd) || suppress_caller(pc))
        return 0;
    return (uintptr_t)&table()[fd];
}

void fd_use(struct crace_thread *t, int fd, uintptr_t pc)
{
    uintptr_t w = checked_word(fd, pc);
    if (w)
        access_sized(t, w, sizeof(uintptr_t), CELL_READ, pc);
}

void fd_created(struct crace_thread *t, int fd, uintptr_t key, uintptr_t pc)
{
    if (!in_range(fd))
        return;
    uintptr_t w = (uintptr_t)&table()[fd];
    if (t->ignore || suppress_caller(pc)) {
        shadow_clear(w, sizeof(uintptr_t));
    } else {
        trace_put2(t, access_event(w, 0) | (3ull << EVA_SIZELOG_SHIFT), pc);
        shadow_stamp(w, sizeof(uintptr_t), t->fast | CELL_MASK_BITS);
    }
    set_chan(fd, key);
}

void fd_closing(struct crace_thread *t, int fd, uintptr_t pc)
{
    if (!in_range(fd))
        return;
    uintptr_t w = checked_word(fd, pc);
    if (w)
        access_sized(t, w, sizeof(uintptr_t), 0, pc);
    /* A pipe's or socket's reader sees the end of the data; a file's does
     * not, and releasing on the key all files share would order every
     * thread that closes a file before every later file read. */
    if (fd_chan(fd) != FD_CHAN_FILE)
        fd_release(t, fd);
    shadow_clear((uintptr_t)&table()[fd], sizeof(uintptr_t));
    set_chan(fd, 0);
}

int fd_of_addr(uintptr_t addr)
{
    uintptr_t *tab = __atomic_load_n(&fd_table, __ATOMIC_ACQUIRE);
    if (!tab || addr < (uintptr_t)tab || addr >= (uintptr_t)(tab + FD_MAX))
        return -1;
    return (int)((addr - (uintptr_t)tab) / sizeof(uintptr_t));
}
