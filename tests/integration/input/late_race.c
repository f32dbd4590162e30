/* late_race.c - main returns while a worker still runs; the worker races
 * with main 200 ms later. Caught only if crace waits at exit
 * (atexit_sleep_ms, default 1000). */
#include <pthread.h>
#include <time.h>

long shared;

static void *late(void *arg)
{
    struct timespec ts = {0, 200 * 1000 * 1000};
    nanosleep(&ts, NULL);
    shared = 2;
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, late, NULL);
    shared = 1;
    return 0;
}
