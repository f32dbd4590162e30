/* test_counter: four threads add to one counter; the total must be exact. */
#include <pthread.h>
#include <stdio.h>

#include "minilib.h"

#define THREADS 4
#define ADDS 1000

static void *adder(void *arg)
{
    for (int i = 0; i < ADDS; i++)
        counter_add(arg, 1);
    return NULL;
}

int main(void)
{
    struct counter *c = counter_new();
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, adder, c);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    long total = counter_get(c);
    counter_free(c);
    if (total != THREADS * ADDS) {
        fprintf(stderr, "test_counter: total %ld, expected %d\n", total, THREADS * ADDS);
        return 1;
    }
    return 0;
}
