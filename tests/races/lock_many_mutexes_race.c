// lock_many_mutexes_race: as lock_many_mutexes_none (thousands of mutexes
// in the sync table, every third destroyed and initialized again), but T2's
// last update of counter 4242 holds mutex 4243 instead of 4242, after T1's
// last update of it in real time (uninstr_sync). The two mutexes are
// distinct objects: one race on that counter, nothing else.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 53 42
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define N 6000
#define OPS 20000
#define VICTIM 4242

static pthread_mutex_t *locks;
static long *counters;
static int t1_done;

static void churn(unsigned long s)
{
    for (int i = 0; i < OPS; i++) {
        s = s * 6364136223846793005ul + 1442695040888963407ul;
        unsigned k = (unsigned)(s >> 33) % N;
        if (k == VICTIM)
            continue;
        pthread_mutex_lock(&locks[k]);
        counters[k]++;
        pthread_mutex_unlock(&locks[k]);
    }
}

static void *t1(void *arg)
{
    churn(1);
    pthread_mutex_lock(&locks[VICTIM]);
    counters[VICTIM]++; /* RACY */
    pthread_mutex_unlock(&locks[VICTIM]);
    crace_test_signal(&t1_done);
    return arg;
}

static void *t2(void *arg)
{
    churn(2);
    crace_test_wait(&t1_done);
    pthread_mutex_lock(&locks[VICTIM + 1]);
    counters[VICTIM] = 2; /* RACY */
    pthread_mutex_unlock(&locks[VICTIM + 1]);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    locks = malloc(N * sizeof *locks);
    counters = calloc(N, sizeof *counters);
    if (!locks || !counters)
        return 1;
    for (int k = 0; k < N; k++)
        pthread_mutex_init(&locks[k], NULL);
    for (int k = 0; k < N; k += 3) {
        pthread_mutex_destroy(&locks[k]);
        pthread_mutex_init(&locks[k], NULL);
    }
    pthread_create(&a, NULL, t1, NULL); /* CREATE */
    pthread_create(&b, NULL, t2, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(counters);
    free(locks);
    return 0;
}
