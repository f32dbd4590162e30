// ann_dyn_new_memory: a custom allocator hands one block back and forth
// through a slot crace cannot see (ann_uninstr_lock). Two threads each take
// the block, initialize and use it, and give it back. pool_get() announces
// the recycled block with AnnotateNewMemory, so the second user's accesses do
// not race with the first user's. No race.
//
// EXPECT: none
// LINK: ann_uninstr_lock
#include <pthread.h>
#include <stdio.h>

void AnnotateNewMemory(const char *file, int line, const volatile void *addr, unsigned long size);
void *ann_slot_take(void **slot);
void ann_slot_put(void **slot, void *block);

struct block {
    long owner;
    long uses;
};

static _Alignas(64) struct block arena;
static void *slot;

static struct block *pool_get(void)
{
    struct block *b = ann_slot_take(&slot);

    AnnotateNewMemory(__FILE__, __LINE__, b, sizeof *b);
    return b;
}

static void pool_put(struct block *b)
{
    ann_slot_put(&slot, b);
}

static void *user(void *arg)
{
    long id = *(long *)arg;
    struct block *b = pool_get();

    b->owner = id;
    b->uses = id * 10;
    *(long *)arg = b->uses;
    pool_put(b);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long r1 = 1, r2 = 2;

    pool_put(&arena);
    pthread_create(&t1, NULL, user, &r1); /* CREATE */
    pthread_create(&t2, NULL, user, &r2); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("r1 = %ld, r2 = %ld\n", r1, r2);
    return r1 == 10 && r2 == 20 ? 0 : 1;
}
