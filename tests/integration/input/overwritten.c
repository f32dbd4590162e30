/* overwritten.c - T1 writes `shared`, then records far more history than a
 * history_size=0 ring holds (each unlock starts a new epoch, so every
 * access after it is recorded again); T2 then writes `shared`. The previous
 * access's stack is gone from T1's history and the report must say so. */
#include <pthread.h>

#include "uninstr_sync.h"

long shared;
long scratch[64];
static int done;
static pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;

static void *first(void *arg)
{
    shared = 1;
    for (int round = 0; round < 20000; round++) {
        pthread_mutex_lock(&own);
        for (int i = 0; i < 64; i++)
            scratch[i] = round;
        pthread_mutex_unlock(&own);
    }
    crace_test_signal(&done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&done);
    shared = 2;
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, first, NULL);
    pthread_create(&b, NULL, second, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
