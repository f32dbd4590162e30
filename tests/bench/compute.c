/* compute: arithmetic-heavy loops (fixed-point Mandelbrot plus an integer hash chain) with
 * very few memory operations: one store per image row.  Measures the cost of function
 * entry/exit hooks and of the instrumentation when almost nothing is instrumented.
 * usage: compute [scale=1] [threads=2] */
#include "bench.h"

#define WIDTH 256
#define BASE_ROWS 10240
#define MAXIT 200
#define FRAC 28 /* Q3.28 fixed point */

static long nrows;
static int nthreads;
static uint64_t *rowsum; /* each row written by exactly one thread */

static int mandel(int64_t cr, int64_t ci)
{
    int64_t zr = 0, zi = 0;
    int it = 0;
    while (it < MAXIT) {
        int64_t zr2 = (zr * zr) >> FRAC, zi2 = (zi * zi) >> FRAC;
        if (zr2 + zi2 > ((int64_t)4 << FRAC))
            break;
        zi = ((zr * zi) >> (FRAC - 1)) + ci;
        zr = zr2 - zi2 + cr;
        it++;
    }
    return it;
}

static uint64_t hash_chain(uint64_t x, int n)
{
    for (int i = 0; i < n; i++)
        x = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9ULL + (uint64_t)i;
    return x;
}

static void *worker(void *p)
{
    int tid = (int)(intptr_t)p;
    for (long row = tid; row < nrows; row += nthreads) {
        int64_t ci = -((int64_t)3 << (FRAC - 1)) / 2 + ((int64_t)3 << FRAC) * (row % 512) / 1024;
        uint64_t s = 0;
        for (int col = 0; col < WIDTH; col++) {
            int64_t cr = -((int64_t)2 << FRAC) + ((int64_t)5 << FRAC) * col / (2 * WIDTH);
            int it = mandel(cr, ci);
            s = s * 31 + (uint64_t)it;
        }
        rowsum[row] = hash_chain(s ^ (uint64_t)row, 2000);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nthreads = bench_threads(argc, argv, 2);
    nrows = bench_work(scale, BASE_ROWS);
    rowsum = calloc((size_t)nrows, sizeof *rowsum);
    pthread_t th[256];
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t));
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    uint64_t c = 0;
    for (long r = 0; r < nrows; r++)
        c = bench_mix(c ^ rowsum[r]);
    bench_checksum(c);
    free(rowsum);
    return 0;
}
