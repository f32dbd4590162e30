// thr_init_before_create_none: main fills `grid` before it starts the
// workers; each worker then reads its half and its neighbour's edge and
// rewrites its half, with a barrier between rounds, and main reads
// everything after the joins (a granule then holds a worker's write and
// read and main's read). Every access is ordered: nothing may be reported,
// whichever cells the slow path replaces.
//
// EXPECT: none
#include <pthread.h>

#define N 512
#define ROUNDS 6

static double grid[2][N];
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
    int id = (int)(long)arg, lo = id * (N / 2), hi = lo + N / 2;
    for (int r = 0; r < ROUNDS; r++) {
        double *src = grid[r & 1], *dst = grid[(r + 1) & 1];
        for (int i = lo; i < hi; i++) {
            double left = i > 0 ? src[i - 1] : 0, right = i < N - 1 ? src[i + 1] : 0;
            dst[i] = (left + src[i] + right) / 3;
        }
        pthread_barrier_wait(&barrier);
    }
    return 0;
}

int main(void)
{
    pthread_t t[2];
    double sum = 0;

    for (int i = 0; i < N; i++)
        grid[0][i] = grid[1][i] = i % 7;
    pthread_barrier_init(&barrier, NULL, 2);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        sum += grid[ROUNDS & 1][i];
    pthread_barrier_destroy(&barrier);
    return sum > 0 ? 0 : 1;
}
