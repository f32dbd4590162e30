// thr_join_none: the child writes a global and a heap block it was handed;
// main reads both right after pthread_join. Everything the child did
// happens-before the return of the join. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

int result;

static void *child(void *arg)
{
    int *box = arg;

    result = 40;
    *box = 2;
    return NULL;
}

int main(void)
{
    pthread_t t;
    int *box = malloc(sizeof *box);
    int sum;

    if (!box)
        return 2;
    *box = 0;
    pthread_create(&t, NULL, child, box); /* CREATE */
    pthread_join(t, NULL);
    sum = result + *box;
    free(box);
    return sum == 42 ? 0 : 1;
}
