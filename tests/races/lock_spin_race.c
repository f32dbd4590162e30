// lock_spin_race: T1 writes `data` holding spinlock s1, T2 reads it holding
// a different spinlock s2 (after the write in real time, uninstr_sync).
// Different spinlocks do not order each other. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 34
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_spinlock_t s1;
static pthread_spinlock_t s2;
static int written;

static void *writer(void *arg)
{
    pthread_spin_lock(&s1);
    data = 42; /* RACY */
    pthread_spin_unlock(&s1);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    pthread_spin_lock(&s2);
    v = data; /* RACY */
    pthread_spin_unlock(&s2);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t a, b;

    pthread_spin_init(&s1, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_init(&s2, PTHREAD_PROCESS_PRIVATE);
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_spin_destroy(&s1);
    pthread_spin_destroy(&s2);
    return 0;
}
