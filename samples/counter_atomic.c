/*
 * counter_atomic.c - counter.c fixed with a C11 atomic: atomic_fetch_add
 * makes each increment indivisible, and atomic accesses never race with
 * each other.
 *
 *     <build>/bin/crace-cc -g samples/counter_atomic.c -o counter_atomic
 *     ./counter_atomic
 *
 * crace stays silent and the program prints 2000 and exits with status 0.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

atomic_int counter;

static void *inc(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        atomic_fetch_add(&counter, 1);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, inc, NULL);
    pthread_create(&t2, NULL, inc, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return 0;
}
