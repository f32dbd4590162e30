// thr_c11_cnd_destroy_race: the C11 form of lock_cond_signal_destroy_race.
// T1 sets the predicate under the mutex but signals the condition variable
// after unlocking it; main sees the predicate and destroys the condition
// variable with nothing ordering T1's signal before the destroy
// (uninstr_sync only puts it first in real time). cnd_destroy writes the
// condition variable, cnd_signal reads it: one race, on the condition
// variable.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 46 29
// RACE-ACCESS: write read
// STDERR-HAS: Location is global 'cond'
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

cnd_t cond;
static mtx_t m;
static int ready;
static int signalled;

static int signaller(void *arg)
{
    mtx_lock(&m);
    ready = 1;
    mtx_unlock(&m);
    cnd_signal(&cond); /* RACY */
    crace_test_signal(&signalled);
    return arg != 0;
}

int main(void)
{
    thrd_t t;

    mtx_init(&m, mtx_plain);
    cnd_init(&cond);
    thrd_create(&t, signaller, NULL); /* CREATE */
    mtx_lock(&m);
    while (!ready)
        cnd_wait(&cond, &m);
    mtx_unlock(&m);
    crace_test_wait(&signalled);
    cnd_destroy(&cond); /* RACY */
    thrd_join(t, NULL);
    mtx_destroy(&m);
    return 0;
}
