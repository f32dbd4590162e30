/* An uninstrumented library calls back into instrumented code: from the
 * caller's thread (third_each) and from a thread the library creates
 * (third_spawn). The callback's unsynchronized update of a global races
 * between the two: one race, in bump_from_callback. */
#include <pthread.h>
#include <stdio.h>

#include "counter.h"

static long hits;

static void bump_from_callback(void *arg)
{
    hits += (long)arg;
}

static void *worker(void *arg)
{
    third_each(bump_from_callback, (void *)1L, 3);
    return arg;
}

int main(void)
{
    pthread_t a;
    pthread_create(&a, 0, worker, 0);
    third_spawn(bump_from_callback, (void *)2L);
    pthread_join(a, 0);
    printf("hits = %ld\n", hits);
    return 0;
}
