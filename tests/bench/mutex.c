/* mutex: fine-grained locking.  Threads pick one of 64 mutex-protected slots at random and
 * update its counters.  Measures lock/unlock cost (happens-before tracking on mutexes).
 * usage: mutex [scale=1] [threads=2] */
#include "bench.h"

#define NSLOTS 64
#define BASE_OPS 16000000

struct slot {
    pthread_mutex_t m;
    uint64_t count;
    uint64_t sum;
} __attribute__((aligned(64)));

static struct slot slots[NSLOTS];

struct arg {
    int tid;
    long ops;
};

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t s = bench_mix((uint64_t)a->tid + 100);
    for (long i = 0; i < a->ops; i++) {
        uint64_t x = bench_xorshift(&s);
        struct slot *sl = &slots[x & (NSLOTS - 1)];
        BENCH_CHECK(pthread_mutex_lock(&sl->m));
        sl->count++;
        sl->sum += x >> 40;
        BENCH_CHECK(pthread_mutex_unlock(&sl->m));
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long total = bench_work(scale, BASE_OPS);
    for (int i = 0; i < NSLOTS; i++)
        BENCH_CHECK(pthread_mutex_init(&slots[i].m, NULL));
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nt; t++) {
        args[t].tid = t;
        args[t].ops = total * (t + 1) / nt - total * t / nt;
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    for (int t = 0; t < nt; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    uint64_t c = 0;
    for (int i = 0; i < NSLOTS; i++) {
        c = bench_mix(c ^ slots[i].count) + slots[i].sum;
        BENCH_CHECK(pthread_mutex_destroy(&slots[i].m));
    }
    bench_checksum(c);
    return 0;
}
