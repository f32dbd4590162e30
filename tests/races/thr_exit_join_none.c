// thr_exit_join_none: the child leaves through pthread_exit, called two
// frames deep after writing `result`; main joins it and reads `result` and
// the exit value. Join orders a pthread_exit'ed thread too. No race.
//
// EXPECT: none
#include <pthread.h>

#if defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE __attribute__((noinline, noipa))
#endif

int result;

NOINLINE static void finish(int v)
{
    result = v;
    pthread_exit((void *)(long)(v + 1));
}

NOINLINE static void work(int v)
{
    int local[16];

    for (int i = 0; i < 16; i++)
        local[i] = v + i;
    finish(local[0]);
}

static void *child(void *arg)
{
    work(41);
    return arg; /* not reached */
}

int main(void)
{
    pthread_t t;
    void *ret = NULL;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    pthread_join(t, &ret);
    return result == 41 && (long)ret == 42 ? 0 : 1;
}
