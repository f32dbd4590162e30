/* shared_read: main fills a 16 MiB table before creating the threads; every thread then
 * only reads it (sequential scans and random lookups over the whole table).  Measures the
 * cost of many threads reading the same memory (shadow updates on read-shared data).
 * The work is split in units; the checksum does not depend on the thread count.
 * usage: shared_read [scale=1] [threads=2] */
#include "bench.h"

#define TWORDS (1u << 22) /* 4 Mi x uint32 = 16 MiB */
#define SCAN 16384        /* words scanned sequentially per unit (64 KiB) */
#define RANDOM 4096       /* random lookups per unit */
#define BASE_UNITS 2000

static uint32_t *table;
static long nunits;
static int nthreads;

struct arg {
    int tid;
    uint64_t result;
};

static uint64_t do_unit(long u)
{
    uint64_t s = bench_mix((uint64_t)u);
    size_t start = (size_t)(bench_xorshift(&s) % (TWORDS / SCAN)) * SCAN;
    uint64_t sum = 0;
    uint32_t prev = 0;
    for (size_t i = start; i < start + SCAN; i++) {
        uint32_t v = table[i];
        sum += v ^ prev;
        prev = v >> 1;
    }
    uint32_t j = (uint32_t)bench_xorshift(&s);
    for (int k = 0; k < RANDOM; k++) {
        j = (j * 2654435761u + table[j & (TWORDS - 1)]) ^ (uint32_t)k;
        sum += j;
    }
    return bench_mix(sum ^ (uint64_t)u);
}

static void *worker(void *p)
{
    struct arg *a = p;
    long lo = nunits * a->tid / nthreads, hi = nunits * (a->tid + 1) / nthreads;
    uint64_t acc = 0;
    for (long u = lo; u < hi; u++)
        acc += do_unit(u);
    a->result = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nthreads = bench_threads(argc, argv, 2);
    nunits = bench_work(scale, BASE_UNITS);
    table = malloc(TWORDS * sizeof *table);
    if (!table)
        abort();
    for (uint32_t i = 0; i < TWORDS; i++)
        table[i] = (uint32_t)bench_mix(i);
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nthreads; t++) {
        args[t].tid = t;
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0;
    for (int t = 0; t < nthreads; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += args[t].result;
    }
    bench_checksum(c);
    free(table);
    return 0;
}
