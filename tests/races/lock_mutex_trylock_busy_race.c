// lock_mutex_trylock_busy_race: T1 writes `data` under the mutex, unlocks,
// and takes the mutex again; T2's pthread_mutex_trylock fails (EBUSY) and T2
// reads `data` anyway. A failed trylock acquires nothing, not even the
// earlier unlock. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 40
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int held;
static int done;

static void *writer(void *arg)
{
    pthread_mutex_lock(&m);
    data = 42; /* RACY */
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    crace_test_signal(&held);
    crace_test_wait(&done);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *reader(void *arg)
{
    int rc;
    int v;

    crace_test_wait(&held);
    rc = pthread_mutex_trylock(&m);
    v = data; /* RACY */
    if (rc == 0)
        pthread_mutex_unlock(&m);
    crace_test_signal(&done);
    return (void *)(long)(rc == EBUSY ? v : -1);
}

int main(void)
{
    pthread_t a, b;
    void *ret = NULL;

    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, &ret);
    return (long)ret == 42 ? 0 : 1;
}
