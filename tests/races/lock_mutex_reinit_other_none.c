// lock_mutex_reinit_other_none: rounds in which T1 takes 64 mutexes; after
// a barrier main destroys them, initializes 256 other mutexes (whose runtime
// objects are then mostly the ones just let go) and the first 64 again.
// After a second barrier T2 writes each first mutex's counter under it, then
// T1, in real time after T2 but with no edge the detector sees
// (uninstr_sync), takes each first mutex again and writes its counter. What
// T1 remembers of the mutexes it took before the destroy must not stand for
// the new ones at the same addresses: T1's locks must give T2's unlocks.
// No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define N 64
#define ROUNDS 4
#define NOTHER 256 /* four times as many: most let-go objects go to them */

static pthread_mutex_t first_set[N], other_set[NOTHER];
static long count[N]; /* count[i] guarded by first_set[i] */
static pthread_barrier_t phase;
static int t2_done[ROUNDS];

static void *t1(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < N; i++) {
            pthread_mutex_lock(&first_set[i]);
            pthread_mutex_unlock(&first_set[i]);
        }
        pthread_barrier_wait(&phase); /* main may destroy them */
        pthread_barrier_wait(&phase); /* and has made them again */
        crace_test_wait(&t2_done[r]);
        for (int i = 0; i < N; i++) {
            pthread_mutex_lock(&first_set[i]);
            count[i]++;
            pthread_mutex_unlock(&first_set[i]);
        }
        pthread_barrier_wait(&phase); /* the round is over */
    }
    return arg;
}

static void *t2(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&phase);
        pthread_barrier_wait(&phase);
        for (int i = 0; i < N; i++) {
            pthread_mutex_lock(&first_set[i]);
            count[i] += 2;
            pthread_mutex_unlock(&first_set[i]);
        }
        crace_test_signal(&t2_done[r]);
        pthread_barrier_wait(&phase);
    }
    return arg;
}

int main(void)
{
    pthread_t a, b;

    pthread_barrier_init(&phase, 0, 3);
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&first_set[i], 0);
    pthread_create(&a, 0, t1, 0); /* CREATE */
    pthread_create(&b, 0, t2, 0); /* CREATE */
    for (int r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&phase);
        for (int i = 0; i < N; i++)
            pthread_mutex_destroy(&first_set[i]);
        if (r > 0)
            for (int i = 0; i < NOTHER; i++)
                pthread_mutex_destroy(&other_set[i]);
        for (int i = 0; i < NOTHER; i++)
            pthread_mutex_init(&other_set[i], 0);
        for (int i = 0; i < N; i++)
            pthread_mutex_init(&first_set[i], 0);
        pthread_barrier_wait(&phase);
        pthread_barrier_wait(&phase);
    }
    pthread_join(a, 0);
    pthread_join(b, 0);
    long total = 0;
    for (int i = 0; i < N; i++)
        total += count[i];
    return total == 3 * N * ROUNDS ? 0 : 1;
}
