/* threads: thousands of short-lived threads, created and joined in batches of 4.  Each does
 * a little private work on its stack and writes its own result slot, which main reads after
 * the join.  Measures thread creation/exit/join cost (per-thread state, clock setup).
 * usage: threads [scale=1] [batch=4] */
#include "bench.h"

#define BASE_THREADS 8000

static uint64_t *results;

static void *worker(void *p)
{
    long id = (long)(intptr_t)p;
    uint64_t buf[64];
    uint64_t s = bench_mix((uint64_t)id);
    for (int i = 0; i < 64; i++)
        buf[i] = bench_xorshift(&s);
    uint64_t acc = 0;
    for (int r = 0; r < 16; r++)
        for (int i = 0; i < 64; i++)
            acc += buf[(i * 7 + r) & 63] ^ (acc >> 5);
    results[id] = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int batch = bench_threads(argc, argv, 4);
    long n = bench_work(scale, BASE_THREADS);
    results = calloc((size_t)n, sizeof *results);
    if (!results)
        abort();
    pthread_t th[256];
    for (long base = 0; base < n; base += batch) {
        int k = 0;
        for (; k < batch && base + k < n; k++)
            BENCH_CHECK(pthread_create(&th[k], NULL, worker, (void *)(intptr_t)(base + k)));
        for (int j = 0; j < k; j++)
            BENCH_CHECK(pthread_join(th[j], NULL));
    }
    uint64_t c = 0;
    for (long i = 0; i < n; i++)
        c = bench_mix(c ^ results[i]);
    bench_checksum(c);
    free(results);
    return 0;
}
