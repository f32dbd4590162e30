/* thread_pool: a pool of worker threads running small tasks from a queue (mutex + condvar).
 * The main thread fills a 16 MiB data buffer once the pool runs, then submits batches of 256
 * tasks (each malloc'd by main, freed by the worker that runs it) and waits for each batch to
 * complete: hash a 1-4 KiB slice of the buffer, sort 64-256 keys taken from it, or multiply
 * two 8x8 matrices read from it. Results go to a per-batch array that main combines in
 * order. Measures queue handoffs (lock, signal, wait), cross-thread frees, and reads of data
 * written by another thread. usage: thread_pool [scale=1] [threads=2] */
#include "bench.h"

#define DATA_WORDS (1u << 22) /* 16 MiB of uint32 */
#define BATCH 256
#define BASE_BATCHES 1500
#define QCAP 1024

struct task {
    int kind;
    uint32_t off, len;
    uint64_t *out;
};

static uint32_t *data;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static struct task *queue[QCAP]; /* lock */
static unsigned qhead, qtail;    /* lock */
static int pending, stopping;    /* lock */

static uint64_t run_hash(const struct task *t)
{
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; i < t->len; i++)
        h = (h ^ data[t->off + i]) * 1099511628211ull;
    return h;
}

static uint64_t run_sort(const struct task *t)
{
    uint32_t k[256];
    for (uint32_t i = 0; i < t->len; i++)
        k[i] = data[t->off + i * 3];
    for (uint32_t i = 1; i < t->len; i++) { /* insertion sort: small inputs */
        uint32_t v = k[i], j = i;
        for (; j > 0 && k[j - 1] > v; j--)
            k[j] = k[j - 1];
        k[j] = v;
    }
    uint64_t h = 0;
    for (uint32_t i = 0; i < t->len; i++)
        h = h * 1000003 + k[i];
    return h;
}

static uint64_t run_matmul(const struct task *t)
{
    const uint32_t *a = data + t->off, *b = a + 64;
    uint64_t h = 0;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            uint64_t s = 0;
            for (int k = 0; k < 8; k++)
                s += (uint64_t)(a[i * 8 + k] & 0xffff) * (b[k * 8 + j] & 0xffff);
            h = h * 31 + s;
        }
    return h;
}

static void *worker(void *unused)
{
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (qhead == qtail && !stopping)
            pthread_cond_wait(&work_cv, &lock);
        if (qhead == qtail) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        struct task *t = queue[qhead++ % QCAP];
        pthread_mutex_unlock(&lock);
        *t->out = t->kind == 0 ? run_hash(t) : t->kind == 1 ? run_sort(t) : run_matmul(t);
        free(t);
        pthread_mutex_lock(&lock);
        if (--pending == 0)
            pthread_cond_signal(&done_cv);
        pthread_mutex_unlock(&lock);
    }
}

static void submit(struct task *t)
{
    pthread_mutex_lock(&lock);
    queue[qtail++ % QCAP] = t;
    pending++;
    pthread_cond_signal(&work_cv);
    pthread_mutex_unlock(&lock);
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    long nbatches = bench_work(scale, BASE_BATCHES);
    pthread_t th[256];
    for (int i = 0; i < nt; i++)
        BENCH_CHECK(pthread_create(&th[i], NULL, worker, NULL));
    data = malloc(DATA_WORDS * sizeof *data);
    uint64_t *results = malloc(BATCH * sizeof *results);
    if (!data || !results)
        abort();
    for (uint32_t i = 0; i < DATA_WORDS; i++)
        data[i] = (uint32_t)bench_mix(i);
    uint64_t s = 42, c = 0;
    for (long b = 0; b < nbatches; b++) {
        struct task probe = {0};
        for (int i = 0; i < BATCH; i++) {
            struct task *t = malloc(sizeof *t);
            if (!t)
                abort();
            uint64_t x = bench_xorshift(&s);
            t->kind = (int)(x % 3);
            t->len = t->kind == 0 ? 256 + (uint32_t)(x >> 8) % 768 : 64 + (uint32_t)(x >> 8) % 193;
            t->off = (uint32_t)(x >> 24) % (DATA_WORDS - 4 * 1024);
            t->out = &results[i];
            if (i == (int)(b % BATCH))
                probe = *t; /* re-run below: the self-check */
            submit(t);
        }
        pthread_mutex_lock(&lock);
        while (pending)
            pthread_cond_wait(&done_cv, &lock);
        pthread_mutex_unlock(&lock);
        uint64_t want = probe.kind == 0   ? run_hash(&probe)
                        : probe.kind == 1 ? run_sort(&probe)
                                          : run_matmul(&probe);
        if (*probe.out != want) {
            fprintf(stderr, "thread_pool: batch %ld: task %d gave a wrong result\n", b,
                    (int)(b % BATCH));
            return 1;
        }
        for (int i = 0; i < BATCH; i++)
            c = bench_mix(c ^ results[i]);
    }
    pthread_mutex_lock(&lock);
    stopping = 1;
    pthread_cond_broadcast(&work_cv);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < nt; i++)
        BENCH_CHECK(pthread_join(th[i], NULL));
    bench_checksum(c);
    free(results);
    free(data);
    return 0;
}
