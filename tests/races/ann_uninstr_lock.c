/*
 * ann_uninstr_lock.c - a spinlock and a one-slot block pool for the ann_*
 * cases, compiled WITHOUT -fsanitize=thread ("// LINK: ann_uninstr_lock"),
 * so crace sees none of their synchronization: only the annotations the
 * cases put around them. A helper, not a case (no EXPECT directive).
 */
#include <sched.h>

void ann_spin_lock(int *lock)
{
    while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE))
        sched_yield();
}

void ann_spin_unlock(int *lock)
{
    __atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

/* Take the block out of the slot, waiting until there is one. */
void *ann_slot_take(void **slot)
{
    void *p;

    while (!(p = __atomic_exchange_n(slot, (void *)0, __ATOMIC_ACQUIRE)))
        sched_yield();
    return p;
}

void ann_slot_put(void **slot, void *block)
{
    __atomic_store_n(slot, block, __ATOMIC_RELEASE);
}
