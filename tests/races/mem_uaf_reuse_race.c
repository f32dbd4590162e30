// mem_uaf_reuse_race: T1 frees a block and at once allocates one of the
// same size (natively the same memory), fills it and frees that one too;
// then T2, not ordered after any of it, writes the first block. The
// quarantine keeps the first block from being handed out again right
// away, so T2's write is found as a use after free racing with the first
// free (without it, the new block's history would hide the free).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 43 27
// RACE-FUNCS: recycler late_writer
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1 (free):
// STDERR-HAS: freed by thread T1, allocated by main thread:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static int done;

static void *recycler(void *arg)
{
    long *p = arg, *q;

    free(p); /* RACY */
    q = malloc(6 * sizeof *q);
    if (!q)
        abort();
    for (int i = 0; i < 6; i++)
        q[i] = -i;
    free(q);
    crace_test_signal(&done);
    return NULL;
}

static void *late_writer(void *arg)
{
    long *p = arg;

    crace_test_wait(&done);
    p[0] = 42; /* RACY */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long *p = malloc(6 * sizeof *p);

    if (!p)
        return 1;
    pthread_create(&t1, NULL, recycler, p);    /* CREATE */
    pthread_create(&t2, NULL, late_writer, p); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
