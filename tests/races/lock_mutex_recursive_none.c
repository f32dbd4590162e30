// lock_mutex_recursive_none: T1 locks a recursive mutex twice, writes, drops
// one level, writes again (still owning it) and unlocks; T2 then locks it
// (nested too) and reads. Only the last unlock hands the mutex over, and it
// publishes both writes. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

int data;
static pthread_mutex_t m;
static int written;

static void *writer(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_mutex_lock(&m);
    data = 1;
    pthread_mutex_unlock(&m);
    data = 42;
    pthread_mutex_unlock(&m);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    pthread_mutex_lock(&m);
    pthread_mutex_lock(&m);
    v = data;
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m);
    return (void *)(long)v;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t a, b;
    void *ret = NULL;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m, &attr);
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, &ret);
    pthread_mutex_destroy(&m);
    return (long)ret == 42 ? 0 : 1;
}
