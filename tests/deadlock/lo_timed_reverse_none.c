// lo_timed_reverse_none: T1 takes A then B; T2 takes B, then A with a
// timeout, and backs off when it expires. A timed lock gives up instead of
// waiting forever, so it cannot close a deadlock: no edge into A (the same
// choice as for trylock, README). Both run at once.
//
// EXPECT: none
#include <errno.h>
#include <pthread.h>
#include <time.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void *in_order(void *arg)
{
    for (int i = 0; i < 500; i++) {
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&b);
        n++;
        pthread_mutex_unlock(&b);
        pthread_mutex_unlock(&a);
    }
    return arg;
}

static void *timed(void *arg)
{
    for (int i = 0; i < 500;) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_mutex_lock(&b);
        if (pthread_mutex_timedlock(&a, &ts) == ETIMEDOUT) {
            pthread_mutex_unlock(&b);
            continue;
        }
        n++;
        i++;
        pthread_mutex_unlock(&a);
        pthread_mutex_unlock(&b);
    }
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, in_order, NULL); /* CREATE */
    pthread_create(&t2, NULL, timed, NULL);    /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return n == 1000 ? 0 : 1;
}
