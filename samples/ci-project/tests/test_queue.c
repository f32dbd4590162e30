/* test_queue: a producer and a consumer pass 1..N through a small queue. */
#include <pthread.h>
#include <stdio.h>

#include "minilib.h"

#define N 2000

static void *producer(void *arg)
{
    for (long i = 1; i <= N; i++)
        queue_push(arg, i);
    return NULL;
}

int main(void)
{
    struct queue *q = queue_new(8);
    pthread_t t;
    pthread_create(&t, NULL, producer, q);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += queue_pop(q);
    pthread_join(t, NULL);
    queue_free(q);
    if (sum != (long)N * (N + 1) / 2) {
        fprintf(stderr, "test_queue: sum %ld, expected %ld\n", sum, (long)N * (N + 1) / 2);
        return 1;
    }
    return 0;
}
