// thr_c11_mtx_foreign_unlock_race: an mtx_unlock that fails releases
// nothing. T1 writes `data`, then calls mtx_unlock on a recursive C11 mutex
// it does not hold (thrd_error: it is not the owner). main, later in real
// time, locks that mutex and reads `data`: the failed unlock made no edge.
// Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 22
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

static mtx_t rec;
long data; /* long: alone in its 8-byte shadow granule */
static int t1_done, failed;

static int writer(void *arg)
{
    data = 99; /* RACY */
    if (mtx_unlock(&rec) != thrd_success)
        failed = 1;
    crace_test_signal(&t1_done);
    return arg != 0;
}

int main(void)
{
    thrd_t t;
    long v;

    mtx_init(&rec, mtx_plain | mtx_recursive);
    thrd_create(&t, writer, NULL); /* CREATE */
    crace_test_wait(&t1_done);
    mtx_lock(&rec);
    v = data; /* RACY */
    mtx_unlock(&rec);
    thrd_join(t, NULL);
    mtx_destroy(&rec);
    return v == 99 && failed ? 0 : 3;
}
