/* lockpath: the lock path alone.  Threads take one of 64 mutexes at random and release it at
 * once; one operation in four also takes and releases a shared rwlock for reading, one in 256
 * for writing, and one in 1024 signals a condition variable nobody waits on.  Nothing is
 * read or written inside the locks, so the time is the detector's bookkeeping of lock and
 * unlock (the other lock benchmarks mix in the cost of their plain memory accesses).
 * usage: lockpath [scale=1] [threads=2] */
#include "bench.h"

#define NMUTEX 64
#define BASE_OPS 32000000

static struct {
    pthread_mutex_t m;
} __attribute__((aligned(64))) locks[NMUTEX];
static pthread_rwlock_t rw;
static pthread_mutex_t cv_m;
static pthread_cond_t cv;

struct arg {
    int tid;
    long ops;
    uint64_t result;
};

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t s = bench_mix((uint64_t)a->tid + 11);
    uint64_t sum = 0;
    for (long i = 0; i < a->ops; i++) {
        uint64_t x = bench_xorshift(&s);
        pthread_mutex_t *m = &locks[x & (NMUTEX - 1)].m;
        BENCH_CHECK(pthread_mutex_lock(m));
        BENCH_CHECK(pthread_mutex_unlock(m));
        unsigned sel = (unsigned)(x >> 8) & 1023;
        if ((sel & 3) == 0) {
            BENCH_CHECK(pthread_rwlock_rdlock(&rw));
            BENCH_CHECK(pthread_rwlock_unlock(&rw));
        }
        if ((sel & 255) == 1) {
            BENCH_CHECK(pthread_rwlock_wrlock(&rw));
            BENCH_CHECK(pthread_rwlock_unlock(&rw));
        }
        if (sel == 2) {
            BENCH_CHECK(pthread_mutex_lock(&cv_m));
            BENCH_CHECK(pthread_cond_signal(&cv));
            BENCH_CHECK(pthread_mutex_unlock(&cv_m));
        }
        sum += sel;
    }
    a->result = sum;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long total = bench_work(scale, BASE_OPS);
    for (int i = 0; i < NMUTEX; i++)
        BENCH_CHECK(pthread_mutex_init(&locks[i].m, NULL));
    BENCH_CHECK(pthread_rwlock_init(&rw, NULL));
    BENCH_CHECK(pthread_mutex_init(&cv_m, NULL));
    BENCH_CHECK(pthread_cond_init(&cv, NULL));
    pthread_t th[256];
    struct arg args[256];
    if (nt > 256)
        nt = 256;
    for (int t = 0; t < nt; t++) {
        args[t].tid = t;
        args[t].ops = total * (t + 1) / nt - total * t / nt;
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0;
    for (int t = 0; t < nt; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c = bench_mix(c ^ args[t].result);
    }
    for (int i = 0; i < NMUTEX; i++)
        BENCH_CHECK(pthread_mutex_destroy(&locks[i].m));
    bench_checksum(c);
    return 0;
}
