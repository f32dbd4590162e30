// thr_c11_create_race: C11 threads. main starts T1 with thrd_create, then
// writes `config`, which T1 reads later in real time (uninstr_sync): thread
// creation only orders what the creator did before it. Race, and T1's
// creation stack points at the thrd_create line. (glibc's thrd_create does
// not go through pthread_create's PLT entry: without its own interceptor
// T1 was never seen at all.)
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 25 36
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

long before;
long config; /* long: alone in its 8-byte shadow granule */
static int written;

static int child(void *arg)
{
    long b = before;
    crace_test_wait(&written);
    return (int)(b + config + (arg != 0)); /* RACY */
}

int main(void)
{
    thrd_t t;
    int res = 0;

    before = 1;
    if (thrd_create(&t, child, NULL) != thrd_success) /* CREATE */
        return 3;
    config = 41; /* RACY */
    crace_test_signal(&written);
    if (thrd_join(t, &res) != thrd_success)
        return 4;
    return res == 42 ? 0 : 5;
}
