// ann_dyn_new_memory_race: the allocator of ann_dyn_new_memory without the
// AnnotateNewMemory call. The slot is invisible to crace, so the second user's
// first write to the recycled block races with the first user's writes.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 40 40
// RACE-LINES: 41 41
// RACE-ACCESS: write write
// LINK: ann_uninstr_lock
#include <pthread.h>
#include <stdio.h>

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
    return ann_slot_take(&slot);
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
    return 0;
}
