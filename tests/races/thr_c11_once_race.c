// thr_c11_once_race: call_once orders its routine before every caller's
// return, nothing else. T1 runs call_once (and the routine), then writes
// `after_init`; T2 calls call_once later in real time (uninstr_sync) and
// reads `after_init`. T2 is ordered after the routine, not after T1's later
// write. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 35 26
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

static once_flag once = ONCE_FLAG_INIT;
static long config;
long after_init; /* long: alone in its 8-byte shadow granule */
static int t1_done;

static void init(void) { config = 5; }

static int first(void *arg)
{
    call_once(&once, init);
    after_init = config + 1; /* RACY */
    crace_test_signal(&t1_done);
    return arg != 0;
}

static int second(void *arg)
{
    crace_test_wait(&t1_done);
    call_once(&once, init);
    return (int)(config + after_init) + (arg != 0); /* RACY */
}

int main(void)
{
    thrd_t a, b;

    thrd_create(&a, first, NULL);  /* CREATE */
    thrd_create(&b, second, NULL); /* CREATE */
    thrd_join(a, NULL);
    thrd_join(b, NULL);
    return 0;
}
