// lo_freed_reuse_none: two heap objects with mutexes are locked X then Y,
// then freed (without pthread_mutex_destroy, as glibc allows). The next two
// allocations get the same memory, in the other order, and are locked in
// the other order. They are other locks: the old edge died with the old
// memory, and no cycle joins old and new. The same after destroy and init
// of the same memory. No report.
//
// EXPECT: none
// ENV: CRACE_OPTIONS=quarantine_mb=0
#include <pthread.h>
#include <stdlib.h>

struct obj {
    pthread_mutex_t lock;
    long value;
};

static struct obj *make(void)
{
    struct obj *o = malloc(sizeof *o);
    pthread_mutex_init(&o->lock, NULL);
    o->value = 0;
    return o;
}

static void both(struct obj *first, struct obj *second)
{
    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    first->value++;
    second->value++;
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
}

static void *run(void *arg)
{
    struct obj *x = make(), *y = make();
    both(x, y);
    void *xa = x, *ya = y;
    free(x);
    free(y);
    struct obj *p = make(), *q = make(); /* the allocator hands back y's, then x's */
    both(p, q);
    int reused = (void *)p == ya && (void *)q == xa;
    /* destroy and init again: new locks at the same place */
    pthread_mutex_destroy(&p->lock);
    pthread_mutex_destroy(&q->lock);
    pthread_mutex_init(&p->lock, NULL);
    pthread_mutex_init(&q->lock, NULL);
    both(q, p);
    free(p);
    free(q);
    return (void *)(long)reused;
}

int main(void)
{
    pthread_t t;
    void *reused;
    pthread_create(&t, NULL, run, NULL); /* CREATE */
    pthread_join(t, &reused);
    return reused ? 0 : 3; /* 3: the memory was not reused; the case tests nothing */
}
