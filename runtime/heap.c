/*
 * heap.c - the registry of live heap blocks, sharded by address with one
 * lock per shard (allocations on different threads rarely meet). Records of
 * freed blocks go to a per-shard free list and are reused.
 */
#include "heap.h"
#include "rt_uthash.h"

#define HEAP_SHARDS 64

struct heap_block {
    struct heap_info info;
    UT_hash_handle hh;
    struct heap_block *next_free;
};

struct heap_shard {
    rt_lock lock;
    struct heap_block *blocks; /* by info.start */
    struct heap_block *free;
};

static struct heap_shard shards[HEAP_SHARDS];

static struct heap_shard *shard_of(uintptr_t start)
{
    return &shards[((start >> 4) * 0x9E3779B97F4A7C15ull) >> 58];
}

void heap_add(struct crace_thread *t, uintptr_t start, size_t size, uintptr_t pc)
{
    struct heap_shard *sh = shard_of(start);
    rt_lock_acquire(&sh->lock);
    struct heap_block *b = sh->free;
    if (b)
        sh->free = b->next_free;
    else
        b = rt_alloc(sizeof *b);
    b->info.start = start;
    b->info.size = size;
    b->info.uid = t->uid;
    b->info.depth = thread_stack_copy(t, pc, b->info.stack, HEAP_STACK);
    struct heap_block *old;
    HASH_FIND(hh, sh->blocks, &start, sizeof start, old);
    if (old) { /* a block we never saw freed (freed inside libc) */
        HASH_DEL(sh->blocks, old);
        old->next_free = sh->free;
        sh->free = old;
    }
    HASH_ADD(hh, sh->blocks, info.start, sizeof b->info.start, b);
    rt_lock_release(&sh->lock);
}

void heap_remove(uintptr_t start)
{
    struct heap_shard *sh = shard_of(start);
    rt_lock_acquire(&sh->lock);
    struct heap_block *b;
    HASH_FIND(hh, sh->blocks, &start, sizeof start, b);
    if (b) {
        HASH_DEL(sh->blocks, b);
        b->next_free = sh->free;
        sh->free = b;
    }
    rt_lock_release(&sh->lock);
}

int heap_find(uintptr_t addr, struct heap_info *out)
{
    int found = 0;
    for (int i = 0; i < HEAP_SHARDS && !found; i++) {
        struct heap_shard *sh = &shards[i];
        struct heap_block *b, *tmp;
        rt_lock_acquire(&sh->lock);
        HASH_ITER(hh, sh->blocks, b, tmp)
        {
            if (addr >= b->info.start && addr < b->info.start + (b->info.size ? b->info.size : 1)) {
                rt_memcpy(out, &b->info, sizeof *out);
                found = 1;
                break;
            }
        }
        rt_lock_release(&sh->lock);
    }
    return found;
}

void heap_fork_prepare(void)
{
    for (int i = 0; i < HEAP_SHARDS; i++)
        rt_lock_acquire(&shards[i].lock);
}

void heap_fork_done(void)
{
    for (int i = HEAP_SHARDS; i > 0; i--)
        rt_lock_release(&shards[i - 1].lock);
}
