// malloc_reuse: heap memory is allocated, written and freed by one thread,
// then (after pthread_join) allocated again - typically at the same address
// - and written by another thread, and finally by the main thread. Every
// step is ordered by create/join, so a detector that remembered accesses to
// the freed block would report a false race. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 64
#define ROUNDS 20

static void *use_block(void *arg)
{
    int seed = *(int *)arg;
    int *p = malloc(BLOCK * sizeof *p);

    if (!p)
        return (void *)1;
    for (int i = 0; i < BLOCK; i++)
        p[i] = seed + i;
    for (int i = 0; i < BLOCK; i++)
        seed += p[i];
    free(p);
    *(int *)arg = seed;
    return NULL;
}

/* The main thread allocates, a child writes and frees, main reallocates. */
static void *write_and_free(void *arg)
{
    int *p = arg;

    memset(p, 0x5a, BLOCK * sizeof *p);
    p[0] = 1;
    free(p);
    return NULL;
}

int main(void)
{
    int failed = 0;

    for (int r = 0; r < ROUNDS; r++) {
        pthread_t t;
        int seed = r;
        void *ret;

        pthread_create(&t, NULL, use_block, &seed);
        pthread_join(t, &ret);
        failed |= ret != NULL;

        int *p = malloc(BLOCK * sizeof *p);
        if (!p)
            return 1;
        p[0] = r;
        pthread_create(&t, NULL, write_and_free, p);
        pthread_join(t, NULL);

        int *q = malloc(BLOCK * sizeof *q);
        if (!q)
            return 1;
        for (int i = 0; i < BLOCK; i++)
            q[i] = i;
        free(q);
    }
    printf("done\n");
    return failed;
}
