// lock_mutex_trylock_none: T2's first pthread_mutex_trylock fails (EBUSY)
// while T1 holds the mutex; T2 retries until it succeeds after T1's unlock
// and reads what T1 wrote inside. A successful trylock acquires. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "uninstr_sync.h"

int data;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int locked;
static int tried;

static void *writer(void *arg)
{
    pthread_mutex_lock(&m);
    crace_test_signal(&locked);
    crace_test_wait(&tried);
    data = 42;
    pthread_mutex_unlock(&m);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&locked);
    if (pthread_mutex_trylock(&m) != EBUSY)
        return (void *)-1L;
    crace_test_signal(&tried);
    while (pthread_mutex_trylock(&m) != 0)
        sched_yield();
    v = data;
    pthread_mutex_unlock(&m);
    return (void *)(long)v;
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
