/* queue.c - a bounded queue of longs: a mutex and two condition variables. */
#include <pthread.h>
#include <stdlib.h>

#include "minilib.h"

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    int capacity, head, size;
    long *items;
};

struct queue *queue_new(int capacity)
{
    struct queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->items = calloc((size_t)capacity, sizeof *q->items);
    q->capacity = capacity;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    return q;
}

void queue_push(struct queue *q, long value)
{
    pthread_mutex_lock(&q->lock);
    while (q->size == q->capacity)
        pthread_cond_wait(&q->not_full, &q->lock);
    q->items[(q->head + q->size) % q->capacity] = value;
    q->size++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

long queue_pop(struct queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->size == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);
    long value = q->items[q->head];
    q->head = (q->head + 1) % q->capacity;
    q->size--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->lock);
    return value;
}

void queue_free(struct queue *q)
{
    pthread_cond_destroy(&q->not_full);
    pthread_cond_destroy(&q->not_empty);
    pthread_mutex_destroy(&q->lock);
    free(q->items);
    free(q);
}
