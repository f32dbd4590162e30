// thr_c11_detach_race: main detaches a C11 thread with thrd_detach, waits
// (invisibly, uninstr_sync) until it has written `result`, and reads it. A
// detached thread's writes are ordered with nothing. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 19
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

long result; /* long: alone in its 8-byte shadow granule */
static int written;

static int child(void *arg)
{
    result = 42; /* RACY */
    crace_test_signal(&written);
    return arg != 0;
}

int main(void)
{
    thrd_t t;

    if (thrd_create(&t, child, NULL) != thrd_success) /* CREATE */
        return 3;
    thrd_detach(t);
    crace_test_wait(&written);
    return result == 42 ? 0 : 1; /* RACY */
}
