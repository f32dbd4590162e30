// dl_none_slow_barrier: three threads wait at a barrier for a fourth that
// computes (sleeps) for 1.5 s before arriving. A late participant is not a
// missing one.
//
// EXPECT: none
// TIMEOUT: 30
#include <pthread.h>
#include <time.h>

static pthread_barrier_t phase;

static void *fast(void *arg)
{
    pthread_barrier_wait(&phase);
    return arg;
}

static void *slow(void *arg)
{
    struct timespec ts = {1, 500 * 1000000L};
    nanosleep(&ts, NULL);
    pthread_barrier_wait(&phase);
    return arg;
}

int main(void)
{
    pthread_t t[3];
    pthread_barrier_init(&phase, NULL, 4);
    pthread_create(&t[0], NULL, fast, NULL); /* CREATE */
    pthread_create(&t[1], NULL, fast, NULL); /* CREATE */
    pthread_create(&t[2], NULL, slow, NULL); /* CREATE */
    pthread_barrier_wait(&phase);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&phase);
    return 0;
}
