// join_ordered: a child thread writes an int; the main thread reads it only
// after pthread_join, which orders the two accesses. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>

int result;

static void *child(void *arg)
{
    result = 42;
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, child, NULL);
    pthread_join(t, NULL);
    printf("result = %d\n", result);
    return result == 42 ? 0 : 1;
}
