// lock_mutex_other_race: T1 writes `data` holding mutex m1, T2 reads it
// holding a different mutex m2 (after the write in real time, uninstr_sync).
// Locks on different mutexes do not order each other. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 34
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
static int written;

static void *writer(void *arg)
{
    pthread_mutex_lock(&m1);
    data = 42; /* RACY */
    pthread_mutex_unlock(&m1);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    pthread_mutex_lock(&m2);
    v = data; /* RACY */
    pthread_mutex_unlock(&m2);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
