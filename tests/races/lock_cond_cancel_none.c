// lock_cond_cancel_none: T1 waits on a condition variable and is cancelled
// there. glibc locks the mutex again before running T1's cleanup handler,
// which updates `count` under that mutex and unlocks it. main updated
// `count` under the mutex before cancelling, and reads it after the join.
// Everything is ordered by the mutex. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int never; /* nobody signals: the waiter leaves only by cancellation */
static int waiting;

static void on_cancel(void *arg)
{
    (void)arg;
    count++; /* the mutex is held again here */
    pthread_mutex_unlock(&m);
}

static void *waiter(void *arg)
{
    pthread_mutex_lock(&m);
    count++;
    crace_test_signal(&waiting);
    pthread_cleanup_push(on_cancel, NULL);
    while (!never)
        pthread_cond_wait(&c, &m);
    pthread_cleanup_pop(1);
    return arg;
}

int main(void)
{
    pthread_t t;
    void *ret;

    pthread_create(&t, NULL, waiter, NULL); /* CREATE */
    crace_test_wait(&waiting);
    pthread_mutex_lock(&m); /* only succeeds once T1 waits */
    count++;
    pthread_mutex_unlock(&m);
    pthread_cancel(t);
    pthread_join(t, &ret);
    pthread_mutex_lock(&m);
    long n = count;
    pthread_mutex_unlock(&m);
    return ret == PTHREAD_CANCELED && n == 3 ? 0 : 1;
}
