// dl_cycle3: three threads in a ring: T_i holds lock i and asks for lock
// i+1 (mod 3). No two of them form a cycle on their own; the three do.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 21
// STDERR-HAS: which waits for M
// TIMEOUT: 20
#include <pthread.h>

#define N 3
static pthread_mutex_t locks[N] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                   PTHREAD_MUTEX_INITIALIZER};
static pthread_barrier_t all_hold_one;

static void *ring(void *arg)
{
    long i = (long)arg;
    pthread_mutex_lock(&locks[i]);
    pthread_barrier_wait(&all_hold_one);
    pthread_mutex_lock(&locks[(i + 1) % N]); /* BLOCKED */
    pthread_mutex_unlock(&locks[(i + 1) % N]);
    pthread_mutex_unlock(&locks[i]);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    pthread_barrier_init(&all_hold_one, NULL, N);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, ring, (void *)i); /* CREATE */
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
