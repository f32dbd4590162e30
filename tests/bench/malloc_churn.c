/* malloc_churn: each thread keeps a pool of live blocks and repeatedly frees a random one
 * and allocates a new one of a random size (mostly small, some medium, a few large),
 * touching every cache line of it.  Measures malloc/free interception and the cost of
 * (re)initializing detector state for recycled memory.
 * usage: malloc_churn [scale=1] [threads=2] */
#include "bench.h"

#define POOL 512
#define BASE_OPS 3600000

struct arg {
    int tid;
    long ops;
    uint64_t result;
};

static size_t pick_size(uint64_t x)
{
    unsigned r = (unsigned)(x % 100);
    x >>= 8;
    if (r < 75)
        return 16 + x % 241; /* 16..256 */
    if (r < 97)
        return 256 + x % 3841; /* 256..4096 */
    return 4096 + x % 61441;   /* 4 KiB..64 KiB */
}

static uint64_t release(uint64_t *blk, size_t *sizes, int slot)
{
    uint64_t *b = blk;
    size_t words = sizes[slot] / 8;
    uint64_t sum = b[0];
    for (size_t i = 8; i < words; i += 8)
        sum += b[i];
    sum += b[words - 1];
    free(b);
    return sum;
}

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t *pool[POOL] = {0};
    size_t sizes[POOL];
    uint64_t s = bench_mix((uint64_t)a->tid + 11);
    uint64_t acc = 0;
    for (long i = 0; i < a->ops; i++) {
        uint64_t x = bench_xorshift(&s);
        int slot = (int)(x % POOL);
        if (pool[slot])
            acc += release(pool[slot], sizes, slot);
        size_t sz = pick_size(x >> 9);
        uint64_t *b = malloc(sz);
        if (!b)
            abort();
        size_t words = sz / 8;
        b[0] = x;
        for (size_t k = 8; k < words; k += 8) /* one store per cache line */
            b[k] = x + k;
        b[words - 1] = ~x;
        pool[slot] = b;
        sizes[slot] = sz;
    }
    for (int slot = 0; slot < POOL; slot++)
        if (pool[slot])
            acc += release(pool[slot], sizes, slot);
    a->result = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long total = bench_work(scale, BASE_OPS);
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nt; t++) {
        args[t].tid = t;
        args[t].ops = total * (t + 1) / nt - total * t / nt;
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0;
    for (int t = 0; t < nt; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += bench_mix(args[t].result ^ (uint64_t)t);
    }
    bench_checksum(c);
    return 0;
}
