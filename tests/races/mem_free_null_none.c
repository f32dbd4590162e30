// mem_free_null_none: free(NULL), realloc(NULL, n) and realloc(p, 0) from
// several threads at once, each on its own blocks. None of it touches
// shared memory: no race, and the blocks' contents are checked.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4

static void *worker(void *arg)
{
    long bad = 0;

    (void)arg;
    for (int i = 0; i < 2000; i++) {
        long *p = realloc(NULL, (size_t)(1 + i % 50) * sizeof *p);
        void *volatile r;

        free(NULL);
        if (!p)
            return (void *)1;
        p[0] = i;
        bad |= p[0] != i;
        r = realloc(p, 0); /* frees p: NULL from glibc */
        free(r);
        free(NULL);
    }
    return (void *)bad;
}

int main(void)
{
    pthread_t t[THREADS];
    long bad = 0;

    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < THREADS; i++) {
        void *r;

        pthread_join(t[i], &r);
        bad |= (long)r;
    }
    return (int)bad;
}
