// dl_none_contended: sixteen threads contend for one mutex whose holder
// sleeps inside the critical section: most threads are blocked on the
// mutex for long stretches, the holder is asleep, main is in join. Not a
// deadlock: the holder is not waiting for anyone.
//
// EXPECT: none
// TIMEOUT: 60
#include <pthread.h>
#include <time.h>

#define THREADS 16
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long turns;

static void *contender(void *arg)
{
    struct timespec nap = {0, 15 * 1000000L};
    for (int i = 0; i < 4; i++) {
        pthread_mutex_lock(&m);
        turns++;
        nanosleep(&nap, NULL);
        pthread_mutex_unlock(&m);
    }
    return arg;
}

int main(void)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, contender, NULL); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return turns == THREADS * 4 ? 0 : 1;
}
