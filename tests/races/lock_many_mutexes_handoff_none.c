// lock_many_mutexes_handoff_none: 4000 counters, each under its own mutex
// (a heap array). T1 updates every counter in order 0..N-1; then (in real
// time, uninstr_sync) a third thread creates, uses and destroys 3000 other
// mutexes many times over, so the sync table loses and regains entries all
// around T1's mutexes; then T2 updates every counter in the same order.
// T2's update of counter k is ordered after T1's only through mutex k (the
// mutexes T2 took before were released by T1 before it touched k): each
// object must still hold its clock after its neighbours came and went. No
// race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define N 4000
#define SPARE 3000

static pthread_mutex_t *locks;
static long *counters;
static pthread_mutex_t spare[SPARE];
static int t1_done, churn_done;

static void pass(void)
{
    for (int k = 0; k < N; k++) {
        pthread_mutex_lock(&locks[k]);
        counters[k]++;
        pthread_mutex_unlock(&locks[k]);
    }
}

static void *t1(void *arg)
{
    pass();
    crace_test_signal(&t1_done);
    return arg;
}

static void *churner(void *arg)
{
    crace_test_wait(&t1_done);
    for (int r = 0; r < 8; r++) {
        for (int k = 0; k < SPARE; k++) {
            pthread_mutex_init(&spare[k], NULL);
            pthread_mutex_lock(&spare[k]);
            pthread_mutex_unlock(&spare[k]);
        }
        for (int k = 0; k < SPARE; k++)
            pthread_mutex_destroy(&spare[k]);
    }
    crace_test_signal(&churn_done);
    return arg;
}

static void *t2(void *arg)
{
    crace_test_wait(&churn_done);
    pass();
    return arg;
}

int main(void)
{
    pthread_t a, b, c;
    locks = malloc(N * sizeof *locks);
    counters = calloc(N, sizeof *counters);
    if (!locks || !counters)
        return 1;
    for (int k = 0; k < N; k++)
        pthread_mutex_init(&locks[k], NULL);
    pthread_create(&a, NULL, t1, NULL);      /* CREATE */
    pthread_create(&c, NULL, churner, NULL); /* CREATE */
    pthread_create(&b, NULL, t2, NULL);      /* CREATE */
    pthread_join(a, NULL);
    pthread_join(c, NULL);
    pthread_join(b, NULL);
    long sum = 0;
    for (int k = 0; k < N; k++)
        sum += counters[k];
    free(counters);
    free(locks);
    return sum == 2L * N ? 0 : 1;
}
