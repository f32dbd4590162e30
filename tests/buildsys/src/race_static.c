/* Two threads call counter_add (static library) unsynchronized: one race,
 * inside the library. */
#include <pthread.h>
#include <stdio.h>

#include "counter.h"

static void *worker(void *arg)
{
    counter_add(1);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, 0, worker, 0);
    pthread_create(&b, 0, worker, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    printf("total = %ld\n", counter_total());
    return 0;
}
