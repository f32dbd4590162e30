/* mutexes_held.c - a race whose two accesses hold locks, for the
 * "Mutexes held:" lines and the "Mutex Mk (0x...) created/first locked"
 * blocks of reports (checked by check_mutexes.py, which finds the lines
 * marked with the tags in capitals below).
 *
 * `writer` (T1) takes `lazy` (statically initialized: its origin is this
 * first lock) and `made` (pthread_mutex_init in main), takes and releases
 * `gone` (not held any more at the write), writes more history than its
 * whole trace ring holds by default (the lock events are overwritten: the
 * held set must come from a part snapshot), then writes `shared`. `reader` (T2) read-locks `table` and reads
 * `shared`. The accesses race: the read is current, the write previous. */
#include <pthread.h>

#include "uninstr_sync.h"

long shared;
long scratch[100000]; /* 100,000 first writes: 200,000 trace words */
static int written;
static pthread_mutex_t lazy = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t made;
static pthread_mutex_t gone = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t table = PTHREAD_RWLOCK_INITIALIZER;

static void *writer(void *arg)
{
    pthread_mutex_lock(&lazy); /* LAZY-FIRST-LOCK */
    pthread_mutex_lock(&made);
    pthread_mutex_lock(&gone);
    pthread_mutex_unlock(&gone);
    for (int i = 0; i < 100000; i++)
        scratch[i] = i;
    shared = 1; /* WRITE */
    pthread_mutex_unlock(&made);
    pthread_mutex_unlock(&lazy);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    long v;

    crace_test_wait(&written);
    pthread_rwlock_rdlock(&table); /* TABLE-FIRST-LOCK */
    v = shared;                    /* READ */
    pthread_rwlock_unlock(&table);
    return (void *)v;
}

int main(void)
{
    pthread_t w, r;

    pthread_mutex_init(&made, NULL); /* MADE-INIT */
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    return 0;
}
