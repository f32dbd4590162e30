// mem_realloc_grow_race: T1 reads p[2] and writes p[3] of a 16-long heap
// block followed by free memory (a spacer freed by main, tcache off), so
// that glibc would grow it in place; then T2, with no synchronization,
// grows it to 32 longs with realloc. Whether or not the block stays where
// it is, realloc reads the old contents and frees the old block (a
// write): the read finds T1's write of p[3] (first report), the free T1's
// read of p[2] (second report). uninstr_sync makes T1, and main's free of
// the spacer, go first.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 44 32
// RACE-LINES: 44 33
// RACE-FUNCS: user grower
// RACE-ACCESS: write read
// STDERR-HAS: by thread T2 (free):
// ENV: GLIBC_TUNABLES=glibc.malloc.tcache_count=0
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int used, spaced;

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
    crace_test_wait(&spaced);
    q = realloc(arg, 32 * sizeof *q); /* RACY */
    return q;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = calloc(16, sizeof *p);
    void *spacer = malloc(4096);
    long *q;

    if (!p || !spacer)
        return 1;
    pthread_create(&t1, NULL, user, p);   /* CREATE */
    pthread_create(&t2, NULL, grower, p); /* CREATE */
    free(spacer);                         /* free memory right after p */
    crace_test_signal(&spaced);
    pthread_join(t1, NULL);
    pthread_join(t2, (void **)&q);
    printf("grown in place: %s\n", q == p ? "yes" : "no");
    if (!q || q[3] != 3)
        return 1;
    free(q);
    return 0;
}
