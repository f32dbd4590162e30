// mem_realloc_grow_race: T1 reads p[2] and writes p[3] of a 16-long heap
// block, the last one allocated (glibc could grow it in place); then T2,
// with no synchronization, grows it to 32 longs with realloc. realloc
// reads the old contents (the move) and frees the old block (a write):
// the read finds T1's write of p[3] (first report), the free T1's read of
// p[2] (second report). uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 39 28
// RACE-LINES: 39 29
// RACE-FUNCS: user grower
// RACE-ACCESS: write read
// STDERR-HAS: by thread T2 (free):
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int used;

static void *user(void *arg)
{
    long *p = arg;
    long seen;

    seen = p[2]; /* RACY */
    p[3] = 3;    /* RACY */
    crace_test_signal(&used);
    return (void *)seen;
}

static void *grower(void *arg)
{
    long *q;

    crace_test_wait(&used);
    q = realloc(arg, 32 * sizeof *q); /* RACY */
    return q;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = calloc(16, sizeof *p);
    long *q;

    if (!p)
        return 1;
    pthread_create(&t1, NULL, user, p);   /* CREATE */
    pthread_create(&t2, NULL, grower, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, (void **)&q);
    if (!q || q[3] != 3)
        return 1;
    free(q);
    return 0;
}
