// atomics: two threads increment a C11 atomic_int with atomic_fetch_add.
// Atomic accesses never race with each other. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

atomic_int counter;

static void *inc(void *arg)
{
    for (int i = 0; i < 1000; i++)
        atomic_fetch_add(&counter, 1);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, inc, NULL);
    pthread_create(&t2, NULL, inc, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return atomic_load(&counter) == 2000 ? 0 : 1;
}
