/* rwlock: reader-heavy lookups in a shared open-addressing hash table protected by a
 * pthread_rwlock_t; about 1 operation in 256 takes the write lock and updates an entry.
 * Measures rwlock read-side synchronization and reads of data last written by another
 * thread under the write lock.
 * usage: rwlock [scale=1] [threads=2] */
#include "bench.h"

#define TSIZE 16384 /* slots, power of two */
#define NKEYS 8192
#define LOOKUPS_PER_LOCK 4
#define BASE_OPS 3200000

struct entry {
    uint64_t key; /* 0 = empty */
    uint64_t value;
    uint64_t version; /* bumped by writers; timing-dependent, not part of lookups' result */
};

static struct entry table[TSIZE];
static pthread_rwlock_t lock;

static uint64_t key_of(long i) { return bench_mix((uint64_t)i * 7919) | 1; }
static uint64_t value_of(uint64_t key) { return bench_mix(key ^ 0x5555); }

static struct entry *find(uint64_t key)
{
    size_t h = (size_t)(key >> 7) & (TSIZE - 1);
    while (table[h].key != key) {
        if (table[h].key == 0)
            return NULL;
        h = (h + 1) & (TSIZE - 1);
    }
    return &table[h];
}

struct arg {
    int tid;
    long ops;
    uint64_t result;
    long writes;
};

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t s = bench_mix((uint64_t)a->tid + 7);
    uint64_t sum = 0;
    long writes = 0;
    for (long i = 0; i < a->ops; i++) {
        uint64_t x = bench_xorshift(&s);
        if ((x & 255) == 0) {
            uint64_t key = key_of((long)((x >> 16) % NKEYS));
            BENCH_CHECK(pthread_rwlock_wrlock(&lock));
            struct entry *e = find(key);
            e->value = value_of(key) ^ e->version; /* transiently different ... */
            e->version++;
            e->value = value_of(key); /* ... restored before the unlock */
            BENCH_CHECK(pthread_rwlock_unlock(&lock));
            writes++;
            continue;
        }
        BENCH_CHECK(pthread_rwlock_rdlock(&lock));
        for (int k = 0; k < LOOKUPS_PER_LOCK; k++) {
            uint64_t key = key_of((long)((x >> (8 * k)) % NKEYS));
            struct entry *e = find(key);
            sum += e ? e->value : 1;
        }
        BENCH_CHECK(pthread_rwlock_unlock(&lock));
    }
    a->result = sum;
    a->writes = writes;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long total = bench_work(scale, BASE_OPS);
    BENCH_CHECK(pthread_rwlock_init(&lock, NULL));
    for (long i = 0; i < NKEYS; i++) {
        uint64_t key = key_of(i);
        size_t h = (size_t)(key >> 7) & (TSIZE - 1);
        while (table[h].key != 0 && table[h].key != key)
            h = (h + 1) & (TSIZE - 1);
        table[h].key = key;
        table[h].value = value_of(key);
    }
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nt; t++) {
        args[t].tid = t;
        args[t].ops = total * (t + 1) / nt - total * t / nt;
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0, writes = 0, versions = 0;
    for (int t = 0; t < nt; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += args[t].result;
        writes += (uint64_t)args[t].writes;
    }
    for (long i = 0; i < TSIZE; i++)
        versions += table[i].version;
    if (versions != writes) {
        fprintf(stderr, "rwlock: lost updates (%llu != %llu)\n", (unsigned long long)versions,
                (unsigned long long)writes);
        return 1;
    }
    BENCH_CHECK(pthread_rwlock_destroy(&lock));
    bench_checksum(c ^ bench_mix(versions));
    return 0;
}
