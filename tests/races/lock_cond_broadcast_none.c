// lock_cond_broadcast_none: three waiters block in pthread_cond_wait; the
// broadcaster (which can only lock once all three wait) writes `data`, sets
// `go` and broadcasts. Each waiter reads `data` after waking: every one
// re-acquires the mutex. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define WAITERS 3

int data;
static int go;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int waiting[WAITERS];

static void *waiter(void *arg)
{
    long me = (long)arg;

    pthread_mutex_lock(&m);
    crace_test_signal(&waiting[me]);
    while (!go)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    return (void *)(long)data;
}

static void *broadcaster(void *arg)
{
    for (int i = 0; i < WAITERS; i++)
        crace_test_wait(&waiting[i]);
    pthread_mutex_lock(&m);
    data = 42;
    go = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t w[WAITERS], b;
    int bad = 0;

    for (long i = 0; i < WAITERS; i++)
        pthread_create(&w[i], NULL, waiter, (void *)i); /* CREATE */
    pthread_create(&b, NULL, broadcaster, NULL); /* CREATE */
    for (int i = 0; i < WAITERS; i++) {
        void *ret = NULL;

        pthread_join(w[i], &ret);
        bad += (long)ret != 42;
    }
    pthread_join(b, NULL);
    return bad == 0 ? 0 : 1;
}
