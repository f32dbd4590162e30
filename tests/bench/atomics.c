/* atomics: C11 atomics.  Phase 1: threads hammer shared counters with relaxed and acq_rel
 * read-modify-writes, relaxed loads and a CAS loop.  Phase 2: a lock-free single-producer /
 * single-consumer ring queue whose plain-memory slots are published with release stores and
 * consumed after acquire loads (happens-before through atomics only).
 * usage: atomics [scale=1] [threads=2]   (threads applies to phase 1) */
#include "bench.h"
#include <sched.h>
#include <stdatomic.h>

#define BASE_OPS 10000000
#define BASE_ITEMS 5000000
#define RING 1024 /* power of two */

static _Atomic uint64_t counters[8];
static _Atomic uint64_t ticket;
static _Atomic uint64_t maxval;

struct arg {
    int tid;
    long ops;
    uint64_t result;
};

static void *hammer(void *p)
{
    struct arg *a = p;
    uint64_t s = bench_mix((uint64_t)a->tid + 3);
    uint64_t local = 0;
    for (long i = 0; i < a->ops; i++) {
        uint64_t x = bench_xorshift(&s);
        atomic_fetch_add_explicit(&counters[x & 7], x >> 48, memory_order_relaxed);
        if ((i & 3) == 0)
            atomic_fetch_add_explicit(&ticket, 1, memory_order_acq_rel);
        /* value is timing dependent: only used to decide whether to try the CAS below */
        uint64_t cur = atomic_load_explicit(&maxval, memory_order_relaxed);
        uint64_t v = x >> 20;
        if (v > cur && (i & 15) == 0) {
            while (v > cur && !atomic_compare_exchange_weak_explicit(
                                  &maxval, &cur, v, memory_order_acq_rel, memory_order_relaxed))
                ;
        }
        local += x & 0xff;
    }
    a->result = local;
    return NULL;
}

/* SPSC ring: data[] is plain memory, head/tail are atomics */
static uint64_t data[RING];
static _Atomic unsigned long head, tail; /* head: next to pop, tail: next to push */
static long nitems;

static void *producer(void *p)
{
    (void)p;
    uint64_t s = 0x1234567;
    unsigned long t = 0;
    for (long i = 0; i < nitems; i++) {
        while (t - atomic_load_explicit(&head, memory_order_acquire) == RING)
            sched_yield();
        data[t & (RING - 1)] = bench_xorshift(&s);
        t++;
        atomic_store_explicit(&tail, t, memory_order_release);
    }
    return NULL;
}

static void *consumer(void *p)
{
    uint64_t *out = p;
    uint64_t c = 0;
    unsigned long h = 0;
    for (long i = 0; i < nitems; i++) {
        while (atomic_load_explicit(&tail, memory_order_acquire) == h)
            sched_yield();
        c = c * 0x100000001b3ULL ^ data[h & (RING - 1)]; /* order-dependent hash */
        h++;
        atomic_store_explicit(&head, h, memory_order_release);
    }
    *out = c;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long total = bench_work(scale, BASE_OPS);
    nitems = bench_work(scale, BASE_ITEMS);

    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nt; t++) {
        args[t].tid = t;
        args[t].ops = total * (t + 1) / nt - total * t / nt;
        BENCH_CHECK(pthread_create(&th[t], NULL, hammer, &args[t]));
    }
    uint64_t c = 0;
    for (int t = 0; t < nt; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += args[t].result;
    }
    for (int i = 0; i < 8; i++)
        c = bench_mix(c ^ atomic_load(&counters[i]));
    c = bench_mix(c ^ atomic_load(&ticket)) ^ atomic_load(&maxval);

    uint64_t ring_hash = 0;
    pthread_t pt, ct;
    BENCH_CHECK(pthread_create(&ct, NULL, consumer, &ring_hash));
    BENCH_CHECK(pthread_create(&pt, NULL, producer, NULL));
    BENCH_CHECK(pthread_join(pt, NULL));
    BENCH_CHECK(pthread_join(ct, NULL));
    bench_checksum(bench_mix(c) ^ ring_hash);
    return 0;
}
