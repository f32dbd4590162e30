/*
 * thr_helper_unseen.c - helper for thr_ cases, not a case (no EXPECT line).
 * Linked with "// LINK: thr_helper_unseen", so it is compiled WITHOUT
 * instrumentation. It starts a thread the way an uninstrumented library
 * might: through libc's own pthread_create (found with dlsym RTLD_NEXT, so
 * the executable's interceptor never runs), and the new thread enters
 * instrumented code only through the function it is given. crace never
 * sees this thread being created.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>

struct unseen_call {
    void (*fn)(void *);
    void *arg;
};

static struct unseen_call calls[64];
static int ncalls;

static void *unseen_start(void *p)
{
    struct unseen_call *c = p;
    c->fn(c->arg);
    return 0;
}

/* Start fn(arg) on a thread crace does not see created; 0 on success. */
int thr_helper_spawn_unseen(pthread_t *t, void (*fn)(void *), void *arg)
{
    int (*real_create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *) =
        (int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))dlsym(
            RTLD_NEXT, "pthread_create");
    struct unseen_call *c = &calls[__atomic_fetch_add(&ncalls, 1, __ATOMIC_RELAXED) % 64];

    if (!real_create)
        return -1;
    c->fn = fn;
    c->arg = arg;
    return real_create(t, 0, unseen_start, c);
}

/* Join such a thread without crace seeing it either. */
int thr_helper_join_unseen(pthread_t t)
{
    int (*real_join)(pthread_t, void **) =
        (int (*)(pthread_t, void **))dlsym(RTLD_NEXT, "pthread_join");
    return real_join ? real_join(t, 0) : -1;
}
