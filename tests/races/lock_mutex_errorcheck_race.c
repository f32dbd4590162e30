// lock_mutex_errorcheck_race: T1 writes `data` without locking and then calls
// pthread_mutex_unlock on an error-checking mutex it does not own (EPERM);
// T2 then locks the mutex and reads. A failed unlock releases nothing. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 35
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m;
static int written;

static void *writer(void *arg)
{
    int rc;

    data = 42; /* RACY */
    rc = pthread_mutex_unlock(&m);
    crace_test_signal(&written);
    return (void *)(long)rc;
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
    void *rc = NULL;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &attr);
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, &rc);
    pthread_join(b, NULL);
    pthread_mutex_destroy(&m);
    return (long)rc == EPERM ? 0 : 1;
}
