// lock_cond_broadcast_race: three waiters block in pthread_cond_wait; the
// broadcaster sets `go` under the mutex and broadcasts, but writes `data`
// without the mutex, after unlocking. Waiter 0 reads `data` after that write
// in real time (uninstr_sync): nothing orders them. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 36 49
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define WAITERS 3

long data; /* long: alone in its 8-byte shadow granule */
static int go;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int waiting[WAITERS];
static int written;

static void *waiter(void *arg)
{
    long me = (long)arg;
    int v = 0;

    pthread_mutex_lock(&m);
    crace_test_signal(&waiting[me]);
    while (!go)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    if (me == 0) {
        crace_test_wait(&written);
        v = data; /* RACY */
    }
    return (void *)(long)v;
}

static void *broadcaster(void *arg)
{
    for (int i = 0; i < WAITERS; i++)
        crace_test_wait(&waiting[i]);
    pthread_mutex_lock(&m);
    go = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m);
    data = 42; /* RACY */
    crace_test_signal(&written);
    return arg;
}

int main(void)
{
    pthread_t w[WAITERS], b;

    for (long i = 0; i < WAITERS; i++)
        pthread_create(&w[i], NULL, waiter, (void *)i); /* CREATE */
    pthread_create(&b, NULL, broadcaster, NULL); /* CREATE */
    for (int i = 0; i < WAITERS; i++)
        pthread_join(w[i], NULL);
    pthread_join(b, NULL);
    return 0;
}
