// thr_c11_tss_none: C11 thread-specific storage with a destructor. Each of
// four threads stores a heap buffer with tss_set, fills it through tss_get,
// and its destructor adds the buffer into the thread's slot of `sums` and
// frees it when the thread ends. main reads `sums` after thrd_join: the
// destructors ran before the join returned. tss_delete at the end. No race.
//
// EXPECT: none
#include <stdlib.h>
#include <threads.h>

#define THREADS 4

static tss_t key;
static long sums[THREADS];

struct buf {
    long who;
    long data[16];
};

static void dtor(void *p)
{
    struct buf *b = p;
    long s = 0;

    for (int i = 0; i < 16; i++)
        s += b->data[i];
    sums[b->who] = s;
    free(b);
}

static int worker(void *arg)
{
    struct buf *b = malloc(sizeof *b);

    b->who = (long)arg;
    if (tss_set(key, b) != thrd_success)
        return 1;
    struct buf *mine = tss_get(key);
    for (int i = 0; i < 16; i++)
        mine->data[i] = i + mine->who;
    return 0;
}

int main(void)
{
    thrd_t t[THREADS];

    if (tss_create(&key, dtor) != thrd_success)
        return 3;
    for (long i = 0; i < THREADS; i++)
        thrd_create(&t[i], worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        thrd_join(t[i], NULL);
    for (long i = 0; i < THREADS; i++)
        if (sums[i] != 120 + 16 * i)
            return 4;
    tss_delete(key);
    return 0;
}
