// atom_refcount_no_fence: atom_refcount_fence without the acquire fence
// before free. The last fetch_sub is release only, so the free (a write of
// the whole block) races with T1's earlier write of its field (and T1's
// fetch_sub). uninstr_sync makes T1 drop its reference first.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 43 30
// RACE-LINES: 43 31
// RACE-FUNCS: first second
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "uninstr_sync.h"

struct object {
    int field[2]; /* first, so a scan of the freed block meets it first */
    atomic_int refs;
};

static int first_done;

static void *first(void *arg)
{
    struct object *obj = arg;

    obj->field[0] = 1;
    atomic_fetch_sub_explicit(&obj->refs, 1, memory_order_release);
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    struct object *obj = arg;

    crace_test_wait(&first_done);
    obj->field[1] = 2;
    if (atomic_fetch_sub_explicit(&obj->refs, 1, memory_order_release) == 1)
        free(obj);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    struct object *shared = malloc(sizeof *shared);
    if (!shared)
        return 1;
    atomic_init(&shared->refs, 2);
    pthread_create(&t1, NULL, first, shared);  /* CREATE */
    pthread_create(&t2, NULL, second, shared); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
