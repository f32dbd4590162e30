// lock_many_mutexes_none: 3 threads update 6000 counters, each under its own
// mutex (a heap array of 6000 mutexes, so the sync table holds thousands of
// objects and grows while they are used); between two rounds main destroys
// every third mutex and initializes it again (objects leave the table and
// come back among the others), and during both rounds a fourth thread keeps
// creating, using and destroying 2000 mutexes of its own (the table loses
// and gains entries next to the ones the others are using). Every counter
// is only touched under its own mutex: no race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define N 6000
#define OPS 20000

static pthread_mutex_t *locks;
static long *counters;

static void *worker(void *arg)
{
    unsigned long s = (unsigned long)arg * 2654435761u + 1;
    for (int i = 0; i < OPS; i++) {
        s = s * 6364136223846793005ul + 1442695040888963407ul;
        unsigned k = (unsigned)(s >> 33) % N;
        pthread_mutex_lock(&locks[k]);
        counters[k]++;
        pthread_mutex_unlock(&locks[k]);
    }
    return arg;
}

#define SPARE 2000
static pthread_mutex_t spare[SPARE];

static void *churner(void *arg)
{
    for (int r = 0; r < 10; r++) {
        for (int k = 0; k < SPARE; k++) {
            pthread_mutex_init(&spare[k], NULL);
            pthread_mutex_lock(&spare[k]);
            pthread_mutex_unlock(&spare[k]);
        }
        for (int k = 0; k < SPARE; k++)
            pthread_mutex_destroy(&spare[k]);
    }
    return arg;
}

static void round_of(int nthreads)
{
    pthread_t th[3], c;
    pthread_create(&c, NULL, churner, NULL); /* CREATE */
    for (long t = 0; t < nthreads; t++)
        pthread_create(&th[t], NULL, worker, (void *)(t + 1)); /* CREATE */
    for (int t = 0; t < nthreads; t++)
        pthread_join(th[t], NULL);
    pthread_join(c, NULL);
}

int main(void)
{
    locks = malloc(N * sizeof *locks);
    counters = calloc(N, sizeof *counters);
    if (!locks || !counters)
        return 1;
    for (int k = 0; k < N; k++)
        pthread_mutex_init(&locks[k], NULL);
    round_of(3);
    for (int k = 0; k < N; k += 3) {
        pthread_mutex_destroy(&locks[k]);
        pthread_mutex_init(&locks[k], NULL);
    }
    round_of(3);
    long sum = 0;
    for (int k = 0; k < N; k++) {
        sum += counters[k];
        pthread_mutex_destroy(&locks[k]);
    }
    free(locks);
    free(counters);
    return sum == 6L * OPS ? 0 : 1;
}
