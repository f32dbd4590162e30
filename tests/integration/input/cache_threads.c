/* cache_threads.c - two threads take turns replacing libcache's cached
 * block (one after the other, unordered for the detector): the second
 * frees the block the first allocated. */
#include <pthread.h>

#include "uninstr_sync.h"

long cache_replace(long value);

static int first_done;

static void *first(void *arg)
{
    cache_replace(1);
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    cache_replace(2);
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
