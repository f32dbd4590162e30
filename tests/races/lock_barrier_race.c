// lock_barrier_race: two threads share a barrier, but T2 reads `data` in the
// same phase in which T1 writes it (before either reaches
// pthread_barrier_wait; after the write in real time, uninstr_sync). Accesses
// after the barrier are ordered. One race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 34
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_barrier_t barrier;
static int written;

static void *writer(void *arg)
{
    data = 1; /* RACY */
    crace_test_signal(&written);
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);
    data = 3;
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    v = data; /* RACY */
    pthread_barrier_wait(&barrier);
    v += data;
    pthread_barrier_wait(&barrier);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t a, b;

    pthread_barrier_init(&barrier, NULL, 2);
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_barrier_destroy(&barrier);
    return 0;
}
