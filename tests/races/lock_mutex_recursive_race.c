// lock_mutex_recursive_race: T1 locks a recursive mutex twice, writes,
// unlocks both levels and then writes `data` once more, outside the critical
// section; T2 then reads it under the mutex. The last write is unordered with
// T2's read. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 26 37
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m;
static int written;

static void *writer(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_mutex_lock(&m);
    data = 1;
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m);
    data = 42; /* RACY */
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    pthread_mutex_lock(&m);
    v = data; /* RACY */
    pthread_mutex_unlock(&m);
    return (void *)(long)v;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t a, b;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m, &attr);
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_mutex_destroy(&m);
    return 0;
}
