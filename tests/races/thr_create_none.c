// thr_create_none: main fills a global and a heap block before
// pthread_create; the child only reads them. Everything the creator did
// before pthread_create happens-before the child's first instruction. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

int config;

struct job {
    int a;
    int b;
};

static void *child(void *arg)
{
    struct job *j = arg;

    return (void *)(long)(config + j->a + j->b);
}

int main(void)
{
    pthread_t t;
    void *ret = NULL;
    struct job *j = malloc(sizeof *j);

    if (!j)
        return 2;
    config = 40;
    j->a = 1;
    j->b = 1;
    pthread_create(&t, NULL, child, j); /* CREATE */
    pthread_join(t, &ret);
    free(j);
    return (long)ret == 42 ? 0 : 1;
}
