// mem_free_same_epoch_read_race: T1 callocs three blocks (16, 256 and 1024
// bytes), writes each and frees it, all in one epoch, and hands the
// addresses to T2 through relaxed atomics. T2 then reads one word of each,
// the last one at the 1016th byte (the end of the part of a block that a
// free checks): three uses after free, each racing with the free. The
// zeroing and writes of the same epoch must not hide the free.
//
// EXPECT: race
// REPORTS: 3
// RACE-LINES: 55 40
// RACE-LINES: 56 40
// RACE-LINES: 57 40
// RACE-FUNCS: owner late_reader
// RACE-ACCESS: read write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: freed by thread T1, allocated by thread T1:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static long *blocks[3]; /* passed with relaxed atomics */
static int freed;

static void *owner(void *arg)
{
    static const size_t sizes[3] = {16, 256, 1024};
    long *b[3];

    (void)arg;
    for (int i = 0; i < 3; i++) {
        b[i] = calloc(1, sizes[i]);
        if (!b[i])
            abort();
        b[i][sizes[i] / sizeof(long) - 1] = i;
        __atomic_store_n(&blocks[i], b[i], __ATOMIC_RELAXED);
    }
    for (int i = 0; i < 3; i++)
        free(b[i]); /* RACY */
    crace_test_signal(&freed);
    return NULL;
}

static void *late_reader(void *arg)
{
    volatile long *a, *b1, *c;
    long sum = 0;

    (void)arg;
    crace_test_wait(&freed);
    a = __atomic_load_n(&blocks[0], __ATOMIC_RELAXED);
    b1 = __atomic_load_n(&blocks[1], __ATOMIC_RELAXED);
    c = __atomic_load_n(&blocks[2], __ATOMIC_RELAXED);
    sum += a[1];   /* RACY */
    sum += b1[20]; /* RACY */
    sum += c[127]; /* RACY */
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, owner, NULL);       /* CREATE */
    pthread_create(&t2, NULL, late_reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
