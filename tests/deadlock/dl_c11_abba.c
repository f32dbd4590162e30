// dl_c11_abba: the ABBA deadlock with C11 threads: mtx_lock in opposite
// orders, thrd_join in main.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 22 33
// STDERR-HAS: blocked in mtx_lock on mutex M
// LINK: uninstr_sync
// TIMEOUT: 20
#include <threads.h>

#include "uninstr_sync.h"

static mtx_t a, b;
static int t1_holds_a, t2_holds_b;

static int first_a(void *arg)
{
    mtx_lock(&a);
    crace_test_signal(&t1_holds_a);
    crace_test_wait(&t2_holds_b);
    mtx_lock(&b); /* BLOCKED */
    mtx_unlock(&b);
    mtx_unlock(&a);
    return arg != 0;
}

static int first_b(void *arg)
{
    mtx_lock(&b);
    crace_test_signal(&t2_holds_b);
    crace_test_wait(&t1_holds_a);
    mtx_lock(&a); /* BLOCKED */
    mtx_unlock(&a);
    mtx_unlock(&b);
    return arg != 0;
}

int main(void)
{
    thrd_t t1, t2;
    mtx_init(&a, mtx_plain);
    mtx_init(&b, mtx_plain);
    thrd_create(&t1, first_a, NULL); /* CREATE */
    thrd_create(&t2, first_b, NULL); /* CREATE */
    thrd_join(t1, NULL);
    thrd_join(t2, NULL);
    return 0;
}
