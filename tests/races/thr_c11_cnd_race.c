// thr_c11_cnd_race: the waiter sleeps in cnd_wait until `ready` is set
// under the mutex, then reads `payload` - but the signaller writes
// `payload` after its mtx_unlock, outside the critical section, and only
// then (uninstr_sync) lets the waiter read. The wait orders the waiter
// after the signaller's unlock, not after the later write. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 29 44
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

static mtx_t mu;
static cnd_t cv;
static int ready;
long payload; /* long: alone in its 8-byte shadow granule */
static int written;

static int waiter(void *arg)
{
    mtx_lock(&mu);
    while (!ready)
        cnd_wait(&cv, &mu);
    mtx_unlock(&mu);
    crace_test_wait(&written);
    return (int)payload + (arg != 0); /* RACY */
}

int main(void)
{
    thrd_t t;
    int res = 0;

    mtx_init(&mu, mtx_plain);
    cnd_init(&cv);
    thrd_create(&t, waiter, NULL); /* CREATE */
    mtx_lock(&mu);
    ready = 1;
    cnd_signal(&cv);
    mtx_unlock(&mu);
    payload = 7; /* RACY */
    crace_test_signal(&written);
    thrd_join(t, &res);
    return res == 7 ? 0 : 3;
}
