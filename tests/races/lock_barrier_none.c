// lock_barrier_none: four threads, three phases separated by
// pthread_barrier_wait: each writes its own cell, then reads all cells, then
// overwrites its own cell (after the others' reads), then reads all again.
// A barrier orders everything before it with everything after it. No race.
//
// EXPECT: none
#include <pthread.h>

#define THREADS 4

int cells[THREADS];
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
    long me = (long)arg;
    long sum = 0;

    cells[me] = (int)me + 1;
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < THREADS; i++)
        sum += cells[i];
    pthread_barrier_wait(&barrier);
    cells[me] = 10 * ((int)me + 1);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < THREADS; i++)
        sum += cells[i];
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];
    int bad = 0;

    pthread_barrier_init(&barrier, NULL, THREADS);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++) {
        void *sum = NULL;

        pthread_join(t[i], &sum);
        bad += (long)sum != 110;
    }
    pthread_barrier_destroy(&barrier);
    return bad == 0 ? 0 : 1;
}
