// create_ordered: the main thread writes an int before pthread_create; the
// child reads it. Thread creation orders the two accesses. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>

int config;

static void *child(void *arg)
{
    int *out = arg;
    *out = config;
    return NULL;
}

int main(void)
{
    pthread_t t;
    int seen = 0;

    config = 42;
    pthread_create(&t, NULL, child, &seen);
    pthread_join(t, NULL);
    printf("child saw %d\n", seen);
    return seen == 42 ? 0 : 1;
}
