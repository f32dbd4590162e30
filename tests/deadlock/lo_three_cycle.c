// lo_three_cycle: three threads, three locks, each taking two in turn:
// A then B, B then C, C then A. No two edges form a cycle; all three do.
// One report with three edges, found when the third order is first seen.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 20 21
// STDERR-HAS: Cycle in lock order graph: M1 (
// STDERR-HAS: Mutex M3 acquired here while holding M2
// STDERR-HAS: Mutex M1 acquired here while holding M3
#include <pthread.h>

static pthread_mutex_t locks[3] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                   PTHREAD_MUTEX_INITIALIZER};
static long counts[3];

static void *pair(void *arg)
{
    long i = (long)arg;
    pthread_mutex_lock(&locks[i]);           /* FRAME */
    pthread_mutex_lock(&locks[(i + 1) % 3]); /* FRAME */
    counts[i]++;
    pthread_mutex_unlock(&locks[(i + 1) % 3]);
    pthread_mutex_unlock(&locks[i]);
    return NULL;
}

int main(void)
{
    for (long i = 0; i < 3; i++) {
        pthread_t t;
        pthread_create(&t, NULL, pair, (void *)i); /* CREATE */
        pthread_join(t, NULL);
    }
    return 0;
}
