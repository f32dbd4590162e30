/* hashtable: a chained hash table of 2^18 buckets guarded by 16384 mutexes (lock striping,
 * each initialized with pthread_mutex_init), shared by all threads: lookups, inserts that
 * malloc the node inside the lock, deletes that free it inside the lock. Nodes carry a
 * payload of 8..120 bytes; about half a million live nodes (~40 MiB with malloc's overhead).
 * Every bucket's chain mixes nodes of all threads, so a lookup reads nodes other threads
 * wrote. Thread t only operates on keys k with k % threads == t, which makes each thread's
 * results, and the final table, independent of the interleaving.
 * Measures lock/unlock of thousands of distinct mutexes, malloc/free under a lock, and reads
 * of data handed over through locks. usage: hashtable [scale=1] [threads=2] */
#include "bench.h"

#define NLOCKS 16384
#define NBUCKETS (1 << 18)
#define KEYSPACE (1 << 20)
#define BASE_OPS 2400000

struct node {
    struct node *next;
    uint64_t key;
    uint64_t value;
    uint32_t len;
    unsigned char payload[];
};

static pthread_mutex_t locks[NLOCKS];
static struct node *buckets[NBUCKETS];
static int nthreads;
static long ops_per_thread;

struct arg {
    int tid;
    uint64_t result;
    long added, erased; /* nodes this thread inserted and removed */
};

static unsigned bucket_of(uint64_t key)
{
    return (unsigned)(bench_mix(key) >> 46);
}

static pthread_mutex_t *lock_of(unsigned b)
{
    return &locks[b & (NLOCKS - 1)];
}

/* Sum of the payload, or 0 when key is absent. */
static uint64_t lookup(uint64_t key)
{
    unsigned b = bucket_of(key);
    uint64_t r = 0;
    pthread_mutex_lock(lock_of(b));
    for (struct node *n = buckets[b]; n; n = n->next) {
        if (n->key == key) {
            r = n->value;
            for (uint32_t i = 0; i < n->len; i += 8)
                r += n->payload[i];
            break;
        }
    }
    pthread_mutex_unlock(lock_of(b));
    return r;
}

/* Insert or update: 1 if a node was added. */
static int upsert(uint64_t key, uint64_t value)
{
    unsigned b = bucket_of(key);
    int added = 0;
    pthread_mutex_lock(lock_of(b));
    struct node *n = buckets[b];
    while (n && n->key != key)
        n = n->next;
    if (n) {
        n->value += value;
    } else {
        uint32_t len = 8 + (uint32_t)(value % 113);
        n = malloc(sizeof *n + len);
        if (!n)
            abort();
        n->key = key;
        n->value = value;
        n->len = len;
        for (uint32_t i = 0; i < len; i++)
            n->payload[i] = (unsigned char)(value >> (i % 8));
        n->next = buckets[b];
        buckets[b] = n;
        added = 1;
    }
    pthread_mutex_unlock(lock_of(b));
    return added;
}

/* 1 if key was there. */
static int erase(uint64_t key)
{
    unsigned b = bucket_of(key);
    int found = 0;
    pthread_mutex_lock(lock_of(b));
    for (struct node **p = &buckets[b]; *p; p = &(*p)->next) {
        if ((*p)->key == key) {
            struct node *n = *p;
            *p = n->next;
            free(n);
            found = 1;
            break;
        }
    }
    pthread_mutex_unlock(lock_of(b));
    return found;
}

/* A key of thread tid's share. */
static uint64_t own_key(uint64_t x, int tid)
{
    return (x % (KEYSPACE / nthreads)) * (uint64_t)nthreads + (uint64_t)tid;
}

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t s = bench_mix((uint64_t)a->tid + 5), acc = 0;
    /* fill half of the key share first */
    for (long i = 0; i < KEYSPACE / 2 / nthreads; i++) {
        int added = upsert(own_key(bench_xorshift(&s), a->tid), (uint64_t)i);
        a->added += added;
        acc += (uint64_t)added;
    }
    for (long i = 0; i < ops_per_thread; i++) {
        uint64_t x = bench_xorshift(&s);
        uint64_t key = own_key(x >> 8, a->tid);
        unsigned op = (unsigned)(x & 127);
        if (op < 90)
            acc += lookup(key);
        else if (op < 109) {
            int added = upsert(key, x >> 32);
            a->added += added;
            acc += (uint64_t)added << 20;
        } else {
            int erased = erase(key);
            a->erased += erased;
            acc += (uint64_t)erased << 40;
        }
    }
    a->result = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nthreads = bench_threads(argc, argv, 2);
    ops_per_thread = bench_work(scale, BASE_OPS) / nthreads;
    for (int i = 0; i < NLOCKS; i++)
        BENCH_CHECK(pthread_mutex_init(&locks[i], NULL));
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nthreads; t++) {
        args[t] = (struct arg){.tid = t};
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0;
    long expect_live = 0;
    for (int t = 0; t < nthreads; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += bench_mix(args[t].result ^ (uint64_t)t);
        expect_live += args[t].added - args[t].erased;
    }
    /* the final table, in an order-independent digest */
    uint64_t live = 0, digest = 0;
    for (unsigned b = 0; b < NBUCKETS; b++) {
        while (buckets[b]) {
            struct node *n = buckets[b];
            digest += bench_mix(n->key ^ n->value ^ n->payload[n->len - 1]);
            if (bucket_of(n->key) != b) {
                fprintf(stderr, "hashtable: node %llu in the wrong bucket\n",
                        (unsigned long long)n->key);
                return 1;
            }
            buckets[b] = n->next;
            free(n);
            live++;
        }
    }
    if ((long)live != expect_live) { /* self-check: no node lost or duplicated */
        fprintf(stderr, "hashtable: %llu nodes left, expected %ld\n", (unsigned long long)live,
                expect_live);
        return 1;
    }
    for (int i = 0; i < NLOCKS; i++)
        BENCH_CHECK(pthread_mutex_destroy(&locks[i]));
    bench_checksum(bench_mix(c ^ digest ^ live));
    return 0;
}
