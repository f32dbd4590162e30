/* Instrumented library code (a static library in the test projects). */
#include <pthread.h>

#include "counter.h"

static long total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void counter_add(long n)
{
    total += n;
}

void counter_add_locked(long n)
{
    pthread_mutex_lock(&lock);
    total += n;
    pthread_mutex_unlock(&lock);
}

long counter_total(void)
{
    return total;
}
