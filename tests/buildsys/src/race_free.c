/* Every library kind at once, all synchronized: the static and the shared
 * library under their mutexes, the uninstrumented library's callbacks
 * under the program's own mutex, on its threads and the program's.
 * No race: silent, exit 0. */
#include <pthread.h>
#include <stdio.h>

#include "counter.h"

static long hits;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void bump(void *arg)
{
    pthread_mutex_lock(&m);
    hits += (long)arg;
    pthread_mutex_unlock(&m);
}

static void *worker(void *arg)
{
    for (int i = 0; i < 100; i++) {
        counter_add_locked(1);
        shared_add_locked(2);
    }
    third_each(bump, (void *)1L, 10);
    third_spawn(bump, (void *)1L);
    return arg;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], 0, worker, 0);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], 0);
    printf("%ld %ld %ld\n", counter_total(), shared_total(), hits);
    return 0;
}
