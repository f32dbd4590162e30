// lock_barrier_destroy_serial_none: four threads write their own cell, meet
// at a heap-allocated barrier, then read every cell. The thread that gets
// PTHREAD_BARRIER_SERIAL_THREAD destroys and frees the barrier at once,
// while the others may still be on their way out of it: their reads are
// still ordered after every write by the barrier. Repeated over 50 rounds
// with a fresh barrier each time. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 50

long cells[ROUNDS][THREADS];
static pthread_barrier_t *barriers[ROUNDS];

static void *worker(void *arg)
{
    long me = (long)arg, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        cells[r][me] = me + r;
        /* round r's barrier was made by main before creating the threads */
        if (pthread_barrier_wait(barriers[r]) == PTHREAD_BARRIER_SERIAL_THREAD) {
            pthread_barrier_destroy(barriers[r]);
            free(barriers[r]);
        }
        for (int i = 0; i < THREADS; i++)
            sum += cells[r][i];
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];
    int bad = 0;

    for (int r = 0; r < ROUNDS; r++) {
        barriers[r] = malloc(sizeof *barriers[r]);
        pthread_barrier_init(barriers[r], NULL, THREADS);
    }
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++) {
        void *sum;
        pthread_join(t[i], &sum);
        bad += (long)sum != ROUNDS * 6 + THREADS * ROUNDS * (ROUNDS - 1) / 2;
    }
    return bad;
}
