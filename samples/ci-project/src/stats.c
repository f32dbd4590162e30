/*
 * stats.c - running statistics. THE BUG: stats_record stores `last` after
 * releasing the lock, so two threads recording at once write it unordered:
 * a data race (each thread's final store is ordered with nothing the other
 * does, so every run with two recording threads has one). The fix is to move
 * the store above the unlock.
 */
#include <pthread.h>
#include <stdlib.h>

#include "minilib.h"

struct stats {
    pthread_mutex_t lock;
    long count, sum;
    long last;
};

struct stats *stats_new(void)
{
    struct stats *s = calloc(1, sizeof *s);
    if (s)
        pthread_mutex_init(&s->lock, NULL);
    return s;
}

void stats_record(struct stats *s, long value)
{
    pthread_mutex_lock(&s->lock);
    s->count++;
    s->sum += value;
    pthread_mutex_unlock(&s->lock);
    s->last = value; /* RACY: outside the lock */
}

long stats_count(struct stats *s)
{
    pthread_mutex_lock(&s->lock);
    long n = s->count;
    pthread_mutex_unlock(&s->lock);
    return n;
}

long stats_last(struct stats *s)
{
    pthread_mutex_lock(&s->lock);
    long v = s->last;
    pthread_mutex_unlock(&s->lock);
    return v;
}

void stats_free(struct stats *s)
{
    pthread_mutex_destroy(&s->lock);
    free(s);
}
