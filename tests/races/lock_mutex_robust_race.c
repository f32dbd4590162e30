// lock_mutex_robust_race: T1 dies holding a robust mutex after writing
// `state`; T2 writes `data` without ever taking the mutex. main gets
// EOWNERDEAD, calls pthread_mutex_consistent and reads both: `state` is
// ordered by the hand-over, `data` by nothing. One race, on `data`.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 54
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

long state;
long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m;
static int locked;
static int written;

static void *owner(void *arg)
{
    pthread_mutex_lock(&m);
    crace_test_signal(&locked);
    state = 40;
    return arg; /* dies holding m */
}

static void *outsider(void *arg)
{
    data = 2; /* RACY */
    crace_test_signal(&written);
    return arg;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t a, b;
    int v;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&m, &attr);
    pthread_create(&a, NULL, owner, NULL);    /* CREATE */
    pthread_create(&b, NULL, outsider, NULL); /* CREATE */
    crace_test_wait(&locked);
    crace_test_wait(&written);
    if (pthread_mutex_lock(&m) != EOWNERDEAD)
        return 2;
    pthread_mutex_consistent(&m);
    v = state;
    v += data; /* RACY */
    pthread_mutex_unlock(&m);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return v == 42 ? 0 : 1;
}
