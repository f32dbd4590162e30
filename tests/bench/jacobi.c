/* jacobi: a 2-D Jacobi relaxation in double precision on two 2048 x 2048 grids (64 MiB,
 * twice the host's last-level cache), rows split in bands between the threads, one
 * pthread_barrier_wait per sweep; every 10 sweeps each thread publishes its band's residual
 * and thread 0 combines them between two barriers. Each sweep reads the grid the others
 * wrote in the previous sweep at the band edges and the own band everywhere else, through
 * memory, not cache. Measures the access path on streaming data that changes epoch at every
 * barrier, and the barrier itself. usage: jacobi [scale=1] [threads=2] */
#include "bench.h"

#define N 2048
#define BASE_SWEEPS 150
#define CHECK_EVERY 10

static double (*grid[2])[N];
static pthread_barrier_t barrier;
static int nthreads;
static long nsweeps;
static double partial[256];
static double residual_sum; /* thread 0's (main reads it after the join) */

static void *worker(void *p)
{
    int tid = (int)(intptr_t)p;
    int lo = 1 + (N - 2) * tid / nthreads, hi = 1 + (N - 2) * (tid + 1) / nthreads;
    for (long sweep = 0; sweep < nsweeps; sweep++) {
        double(*src)[N] = grid[sweep & 1];
        double(*dst)[N] = grid[(sweep + 1) & 1];
        double res = 0;
        for (int r = lo; r < hi; r++) {
            for (int c = 1; c < N - 1; c++) {
                double v = 0.25 * (src[r - 1][c] + src[r + 1][c] + src[r][c - 1] + src[r][c + 1]);
                double d = v - src[r][c];
                res += d * d;
                dst[r][c] = v;
            }
        }
        pthread_barrier_wait(&barrier);
        if (sweep % CHECK_EVERY == CHECK_EVERY - 1) {
            partial[tid] = res;
            pthread_barrier_wait(&barrier);
            if (tid == 0)
                for (int t = 0; t < nthreads; t++)
                    residual_sum += partial[t];
            /* partial[] is written again only after the next sweep's barrier */
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nthreads = bench_threads(argc, argv, 2);
    nsweeps = bench_work(scale, BASE_SWEEPS);
    if (nthreads > N - 2)
        nthreads = N - 2;
    for (int g = 0; g < 2; g++)
        if (!(grid[g] = malloc(sizeof(double[N][N]))))
            abort();
    /* fixed boundary (hot top edge, cold elsewhere), a deterministic interior */
    for (int r = 0; r < N; r++)
        for (int c = 0; c < N; c++)
            grid[0][r][c] = grid[1][r][c] =
                r == 0 ? 100.0 : (double)(bench_mix((uint64_t)(r * N + c)) & 1023) / 64.0;
    BENCH_CHECK(pthread_barrier_init(&barrier, NULL, (unsigned)nthreads));
    pthread_t th[256];
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t));
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    BENCH_CHECK(pthread_barrier_destroy(&barrier));
    uint64_t c = 0;
    double(*final)[N] = grid[nsweeps & 1];
    /* self-check: the maximum principle (every value stays within the initial range) */
    for (int r = 0; r < N; r++)
        for (int col = 0; col < N; col++)
            if (!(final[r][col] >= 0.0 && final[r][col] <= 100.0)) {
                fprintf(stderr, "jacobi: value %g at %d,%d out of range\n", final[r][col], r, col);
                return 1;
            }
    if (!(residual_sum > 0.0) && nsweeps >= CHECK_EVERY) {
        fprintf(stderr, "jacobi: bad residual %g\n", residual_sum);
        return 1;
    }
    for (int r = 0; r < N; r++)
        for (int col = 0; col < N; col += 7) {
            uint64_t bits;
            memcpy(&bits, &final[r][col], sizeof bits);
            c = c * 31 + bits;
        }
    uint64_t rbits;
    memcpy(&rbits, &residual_sum, sizeof rbits);
    bench_checksum(bench_mix(c ^ rbits));
    free(grid[0]);
    free(grid[1]);
    return 0;
}
