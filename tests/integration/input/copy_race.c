/* copy_race.c - two threads copy into one buffer through libcopy's
 * lib_copy, one after the other but unordered for the detector. */
#include <pthread.h>

#include "uninstr_sync.h"

void lib_copy(char *dst, const char *src, unsigned long n);

char buffer[64];
static int first_done;

static void *first(void *arg)
{
    lib_copy(buffer, "first", 6);
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    lib_copy(buffer, "second", 7);
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
