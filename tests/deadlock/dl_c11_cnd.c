// dl_c11_cnd: C11 forms of the lost wake-up: the worker waits on a cnd_t
// without checking a predicate after the only cnd_signal already happened;
// main waits in thrd_join.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 19 31
// STDERR-HAS: waiting in cnd_wait on condition C1
// STDERR-HAS: joining thread T1 in thrd_join
// TIMEOUT: 20
#include <threads.h>

static mtx_t m;
static cnd_t c;

static int worker(void *arg)
{
    mtx_lock(&m);
    cnd_wait(&c, &m); /* BLOCKED */
    mtx_unlock(&m);
    return arg != 0;
}

int main(void)
{
    thrd_t t;
    mtx_init(&m, mtx_plain);
    cnd_init(&c);
    cnd_signal(&c);                /* nobody waits yet: lost */
    thrd_create(&t, worker, NULL); /* CREATE */
    thrd_join(t, NULL);            /* BLOCKED */
    return 0;
}
