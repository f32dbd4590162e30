/* counter.c - a counter shared between threads, guarded by a mutex. */
#include <pthread.h>
#include <stdlib.h>

#include "minilib.h"

struct counter {
    pthread_mutex_t lock;
    long value;
};

struct counter *counter_new(void)
{
    struct counter *c = calloc(1, sizeof *c);
    if (c)
        pthread_mutex_init(&c->lock, NULL);
    return c;
}

void counter_add(struct counter *c, long n)
{
    pthread_mutex_lock(&c->lock);
    c->value += n;
    pthread_mutex_unlock(&c->lock);
}

long counter_get(struct counter *c)
{
    pthread_mutex_lock(&c->lock);
    long v = c->value;
    pthread_mutex_unlock(&c->lock);
    return v;
}

void counter_free(struct counter *c)
{
    pthread_mutex_destroy(&c->lock);
    free(c);
}
