// lock_rwlock_trylock_none: R reads `data` holding a read lock, during which
// W's pthread_rwlock_trywrlock fails (EBUSY); after R unlocks, W's retried
// trywrlock succeeds and W writes; R then reads again via a successful
// pthread_rwlock_tryrdlock. Successful try-locks order like locks. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "uninstr_sync.h"

int data = 1;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int reading;
static int tried;
static int written;

static void *writer(void *arg)
{
    crace_test_wait(&reading);
    if (pthread_rwlock_trywrlock(&rw) != EBUSY)
        return (void *)-1L;
    crace_test_signal(&tried);
    while (pthread_rwlock_trywrlock(&rw) != 0)
        sched_yield();
    data = 41;
    pthread_rwlock_unlock(&rw);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    pthread_rwlock_rdlock(&rw);
    v = data;
    crace_test_signal(&reading);
    crace_test_wait(&tried);
    pthread_rwlock_unlock(&rw);
    crace_test_wait(&written);
    while (pthread_rwlock_tryrdlock(&rw) != 0)
        sched_yield();
    v += data;
    pthread_rwlock_unlock(&rw);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t w, r;
    void *wret = NULL;
    void *rret = NULL;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, &wret);
    pthread_join(r, &rret);
    return wret == NULL && (long)rret == 42 ? 0 : 1;
}
