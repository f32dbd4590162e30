// lock_once_race: T1's pthread_once runs `init`; T1 then writes `extra`
// outside the init routine. T2 calls pthread_once later (after that write in
// real time, uninstr_sync) and reads both: `config` is ordered by the once,
// `extra` is not. One race, on `extra`.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 28 40
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long config;
long extra; /* long: alone in its 8-byte shadow granule */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int t1_done;

static void init(void)
{
    config = 40;
}

static void *t1(void *arg)
{
    pthread_once(&once, init);
    extra = 2; /* RACY */
    crace_test_signal(&t1_done);
    return arg;
}

static void *t2(void *arg)
{
    int v;

    crace_test_wait(&t1_done);
    pthread_once(&once, init);
    v = config;
    v += extra; /* RACY */
    return (void *)(long)v;
}

int main(void)
{
    pthread_t a, b;
    void *ret = NULL;

    pthread_create(&a, NULL, t1, NULL); /* CREATE */
    pthread_create(&b, NULL, t2, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, &ret);
    return (long)ret == 42 ? 0 : 1;
}
