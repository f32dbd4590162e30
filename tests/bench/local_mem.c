/* local_mem: each thread hammers its own private heap array with loads and stores.
 * No sharing at all: measures the per-access cost of the detector (fast path).
 * usage: local_mem [scale=1] [threads=2]; total work is fixed by scale and split
 * evenly between the threads. */
#include "bench.h"

#define WORDS (1u << 15) /* 32 Ki words = 256 KiB per thread */
#define BASE_ROUNDS 12000

struct arg {
    int tid;
    long rounds;
    uint64_t result;
};

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t *arr = malloc(WORDS * sizeof *arr);
    uint32_t *idx = malloc(WORDS / 4 * sizeof *idx);
    if (!arr || !idx)
        abort();
    uint64_t s = bench_mix((uint64_t)a->tid + 1);
    for (unsigned i = 0; i < WORDS; i++)
        arr[i] = bench_mix(i ^ ((uint64_t)a->tid << 40));
    for (unsigned i = 0; i < WORDS / 4; i++)
        idx[i] = (uint32_t)(bench_xorshift(&s) & (WORDS - 1));

    uint64_t acc = 0;
    for (long r = 0; r < a->rounds; r++) {
        /* sequential read-modify-write sweep with a loop-carried dependence */
        uint64_t carry = (uint64_t)r;
        for (unsigned i = 1; i < WORDS / 2; i++) {
            carry = (arr[i] + carry) ^ (arr[i - 1] >> 3);
            arr[i] = carry;
        }
        /* indirect (gather/scatter) accesses through an index array */
        for (unsigned i = 0; i < WORDS / 4; i++) {
            uint32_t j = idx[i];
            arr[j] = arr[j] * 3 + i;
            acc += arr[(j + 17) & (WORDS - 1)];
        }
        /* narrow accesses: 1-, 2- and 4-byte stores and loads */
        unsigned char *b = (unsigned char *)arr;
        uint16_t *h = (uint16_t *)(arr + WORDS / 2);
        uint32_t *w = (uint32_t *)(arr + WORDS / 2 + WORDS / 8);
        for (unsigned i = 0; i < WORDS / 8; i++) {
            b[i] = (unsigned char)(b[i] + h[i]);
            h[i] = (uint16_t)(h[i] ^ w[i]);
            w[i] += b[i];
        }
        acc ^= carry;
    }
    for (unsigned i = 0; i < WORDS; i++)
        acc += arr[i] * (i | 1);
    free(idx);
    free(arr);
    a->result = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long total = bench_work(scale, BASE_ROUNDS);
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nt; t++) {
        args[t].tid = t;
        args[t].rounds = total * (t + 1) / nt - total * t / nt;
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0;
    for (int t = 0; t < nt; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += bench_mix(args[t].result + (uint64_t)t);
    }
    bench_checksum(c ^ (uint64_t)total);
    return 0;
}
