// lock_mutex_basic_none: T1 writes `data` under a PTHREAD_MUTEX_NORMAL mutex,
// T2 then updates it under the mutex, then T1 reads it under the mutex again
// (each step after the previous one in real time, via uninstr_sync). Unlock
// -> next lock orders every step. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

int data;
static pthread_mutex_t m;
static int step1;
static int step2;

static void *t1(void *arg)
{
    int v;

    pthread_mutex_lock(&m);
    data = 1;
    pthread_mutex_unlock(&m);
    crace_test_signal(&step1);
    crace_test_wait(&step2);
    pthread_mutex_lock(&m);
    v = data;
    pthread_mutex_unlock(&m);
    return (void *)(long)v;
}

static void *t2(void *arg)
{
    crace_test_wait(&step1);
    pthread_mutex_lock(&m);
    data += 41;
    pthread_mutex_unlock(&m);
    crace_test_signal(&step2);
    return arg;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t a, b;
    void *ret = NULL;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_NORMAL);
    pthread_mutex_init(&m, &attr);
    pthread_create(&a, NULL, t1, NULL); /* CREATE */
    pthread_create(&b, NULL, t2, NULL); /* CREATE */
    pthread_join(a, &ret);
    pthread_join(b, NULL);
    pthread_mutex_destroy(&m);
    return (long)ret == 42 ? 0 : 1;
}
