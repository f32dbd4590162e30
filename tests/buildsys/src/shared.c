/* Instrumented library code (built with -shared: linked, or dlopen'ed as a plugin). */
#include <pthread.h>

#include "counter.h"

static long total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void shared_add(long n)
{
    total += n;
}

void shared_add_locked(long n)
{
    pthread_mutex_lock(&lock);
    total += n;
    pthread_mutex_unlock(&lock);
}

long shared_total(void)
{
    return total;
}
