// atom_refcount_fence: the refcount idiom. Two threads write their field of
// a heap object, then drop a reference with a release fetch_sub; the last
// one runs an acquire fence and frees it, after the other's writes and
// fetch_sub. No race. (TSan reports one: it does not model fences.)
//
// EXPECT: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct object {
    int field[2];
    atomic_int refs;
};

static void put(struct object *obj)
{
    if (atomic_fetch_sub_explicit(&obj->refs, 1, memory_order_release) == 1) {
        atomic_thread_fence(memory_order_acquire);
        free(obj);
    }
}

static struct object *shared;

static void *worker(void *arg)
{
    int id = (int)(long)arg;

    shared->field[id] = id + 1;
    put(shared);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    shared = malloc(sizeof *shared);
    if (!shared)
        return 1;
    atomic_init(&shared->refs, 2);
    pthread_create(&t1, NULL, worker, (void *)0L); /* CREATE */
    pthread_create(&t2, NULL, worker, (void *)1L); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
