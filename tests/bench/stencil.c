/* stencil: 2-D Jacobi-style integer stencil on two N x N grids, rows split in bands between
 * threads, one pthread_barrier_wait per time step; every 16 steps a reduction phase where
 * each thread publishes a partial sum and thread 0 combines them between two barriers.
 * Measures barrier synchronization plus neighbour reads of data written by other threads
 * in the previous phase (band edges).
 * usage: stencil [scale=1] [threads=2] */
#include "bench.h"

#define N 256
#define BASE_STEPS 2000
#define REDUCE_EVERY 16

static uint32_t grid[2][N][N];
static pthread_barrier_t barrier;
static int nthreads;
static long nsteps;
static uint64_t partial[256];
static uint64_t reduced; /* only touched by thread 0 (and main after the join) */

static void *worker(void *p)
{
    int tid = (int)(intptr_t)p;
    int lo = 1 + (N - 2) * tid / nthreads, hi = 1 + (N - 2) * (tid + 1) / nthreads;
    for (long step = 0; step < nsteps; step++) {
        uint32_t(*src)[N] = grid[step & 1];
        uint32_t(*dst)[N] = grid[(step + 1) & 1];
        for (int r = lo; r < hi; r++)
            for (int c = 1; c < N - 1; c++)
                dst[r][c] = ((src[r - 1][c] + src[r + 1][c] + src[r][c - 1] + src[r][c + 1] +
                              4 * src[r][c]) >> 3) + (uint32_t)((r ^ c) + step) % 7;
        int serial = pthread_barrier_wait(&barrier);
        if (serial != 0 && serial != PTHREAD_BARRIER_SERIAL_THREAD)
            abort();
        if (step % REDUCE_EVERY == REDUCE_EVERY - 1) {
            uint64_t s = 0;
            for (int r = lo; r < hi; r++)
                for (int c = 0; c < N; c++)
                    s += dst[r][c] * (uint64_t)(c + 1);
            partial[tid] = s;
            pthread_barrier_wait(&barrier);
            if (tid == 0)
                for (int t = 0; t < nthreads; t++)
                    reduced = bench_mix(reduced ^ partial[t]);
            /* the next write of partial[] comes after the next step's barrier */
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nthreads = bench_threads(argc, argv, 2);
    nsteps = bench_work(scale, BASE_STEPS);
    if (nthreads > N - 2)
        nthreads = N - 2;
    for (int r = 0; r < N; r++)
        for (int c = 0; c < N; c++)
            grid[0][r][c] = grid[1][r][c] = (uint32_t)(bench_mix((uint64_t)(r * N + c)) & 0xffff);
    BENCH_CHECK(pthread_barrier_init(&barrier, NULL, (unsigned)nthreads));
    pthread_t th[256];
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t));
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    BENCH_CHECK(pthread_barrier_destroy(&barrier));
    uint64_t c = reduced;
    for (int r = 0; r < N; r++)
        for (int col = 0; col < N; col++)
            c = c * 31 + grid[nsteps & 1][r][col];
    bench_checksum(bench_mix(c));
    return 0;
}
