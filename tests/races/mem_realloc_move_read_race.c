// mem_realloc_move_read_race: T1 grows a heap block from 8 to 2^20 longs
// with realloc (it moves: above the mmap threshold); then T2, created
// after the allocation but not ordered after the realloc, reads the old
// block: a use after free, racing with realloc's free of it.
// uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 40 26
// RACE-FUNCS: mover old_reader
// RACE-ACCESS: read write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: freed by thread T1, allocated by main thread:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define BIG (1 << 20)

static int moved;

static void *mover(void *arg)
{
    long *q = realloc(arg, BIG * sizeof *q); /* RACY */

    if (q)
        q[BIG - 1] = q[1];
    crace_test_signal(&moved);
    return q;
}

static void *old_reader(void *arg)
{
    volatile long *p = arg;
    long seen;

    crace_test_wait(&moved);
    seen = p[1]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(8 * sizeof *p);
    long *q;

    if (!p)
        return 1;
    for (int i = 0; i < 8; i++)
        p[i] = i;
    pthread_create(&t1, NULL, mover, p);      /* CREATE */
    pthread_create(&t2, NULL, old_reader, p); /* CREATE */
    pthread_join(t1, (void **)&q);
    pthread_join(t2, NULL);
    if (!q || q[7] != 7 || q[BIG - 1] != 1)
        return 1;
    free(q);
    return 0;
}
