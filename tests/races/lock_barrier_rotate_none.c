// lock_barrier_rotate_none: six threads pass one barrier 400 times. In each
// even phase one thread (a different one each time) writes `shared`; in the
// odd phase after it every thread reads it. Every write is ordered after
// the reads two phases before, and every read after the write one phase
// before, through the barrier alone. No race.
//
// EXPECT: none
#include <pthread.h>

#define THREADS 6
#define PHASES 400

long shared;
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
    long me = (long)arg, sum = 0;
    for (int phase = 0; phase < PHASES; phase++) {
        if (phase % 2 == 0) {
            if ((phase / 2) % THREADS == me)
                shared = phase;
        } else {
            sum += shared;
        }
        pthread_barrier_wait(&barrier);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];
    long expect = 0;
    int bad = 0;

    for (int phase = 0; phase < PHASES; phase += 2)
        expect += phase;
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++) {
        void *sum;
        pthread_join(t[i], &sum);
        bad += (long)sum != expect;
    }
    pthread_barrier_destroy(&barrier);
    return bad;
}
