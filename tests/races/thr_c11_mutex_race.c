// thr_c11_mutex_race: T1 updates `balance` under a C11 mutex; T2 updates it
// without taking the mutex (after T1 in real time, uninstr_sync). The
// mutex orders nothing for T2. Race, with T1 holding the mutex.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 31 22
// RACE-ACCESS: write write
// STDERR-HAS: Mutexes held: M1
// LINK: uninstr_sync
#include <threads.h>

#include "uninstr_sync.h"

static mtx_t mu;
long balance; /* long: alone in its 8-byte shadow granule */
static int t1_done;

static int locked_writer(void *arg)
{
    mtx_lock(&mu);
    balance += 10; /* RACY */
    mtx_unlock(&mu);
    crace_test_signal(&t1_done);
    return arg != 0;
}

static int unlocked_writer(void *arg)
{
    crace_test_wait(&t1_done);
    balance = 5; /* RACY */
    return arg != 0;
}

int main(void)
{
    thrd_t a, b;

    mtx_init(&mu, mtx_plain);
    thrd_create(&a, locked_writer, NULL);   /* CREATE */
    thrd_create(&b, unlocked_writer, NULL); /* CREATE */
    thrd_join(a, NULL);
    thrd_join(b, NULL);
    mtx_destroy(&mu);
    return 0;
}
