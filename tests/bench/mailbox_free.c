/* mailbox_free: malloc/free churn where blocks change hands. Each thread keeps a pool of 16384
 * live blocks (16 B..4 KiB, mostly small; ~12 MiB per thread) and repeatedly replaces a
 * random one; every 16th new block is filled and posted to the next thread's mailbox (a
 * mutex-protected array that grows under its lock) instead, and that thread reads it and
 * frees it when it empties its mailbox (every 64 operations). Measures frees of blocks allocated by
 * another thread (quarantine, heap records, shadow of memory moving between threads) and reads of
 * data handed over through a lock. usage: mailbox_free [scale=1] [threads=2] */
#include "bench.h"

#define POOL 16384
#define BASE_OPS 3000000
#define SEND_EVERY 16
#define DRAIN_EVERY 64

struct mailbox {
    pthread_mutex_t lock;
    uint64_t **items; /* each block: [0] = its word count, then its words */
    int n, cap;
};

static struct mailbox *boxes;
static int nthreads;
static long ops_per_thread;
static pthread_barrier_t done_barrier;

struct arg {
    int tid;
    uint64_t result;
    long posted, drained;
};

static size_t pick_words(uint64_t x)
{
    unsigned r = (unsigned)(x % 100);
    x >>= 8;
    if (r < 80)
        return 2 + x % 31; /* 16..256 B */
    return 32 + x % 481;   /* 256 B..4 KiB */
}

/* A thread's spare item array, swapped with its mailbox's when it empties it. */
struct spare {
    uint64_t **items;
    int cap;
    long drained; /* blocks this thread took out of its mailbox */
};

/* Read and free every block in t's mailbox; returns their digest. */
static uint64_t drain(int t, struct spare *sp)
{
    struct mailbox *m = &boxes[t];
    pthread_mutex_lock(&m->lock);
    uint64_t **items = m->items;
    int n = m->n, cap = m->cap;
    m->items = sp->items;
    m->cap = sp->cap;
    m->n = 0;
    pthread_mutex_unlock(&m->lock);
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        uint64_t *b = items[i];
        for (size_t k = 0; k < b[0]; k += 4)
            sum += b[k];
        if (b[b[0] - 1] - b[1] != b[0] - 2) { /* self-check: the sender's fill arrived */
            fprintf(stderr, "mailbox_free: a posted block changed in transit\n");
            exit(1);
        }
        free(b);
    }
    sp->drained += n;
    sp->items = items;
    sp->cap = cap;
    return sum;
}

/* Post b to thread t's mailbox, which grows when full (allocation inside the lock). */
static void post(int t, uint64_t *b)
{
    struct mailbox *m = &boxes[t];
    pthread_mutex_lock(&m->lock);
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 64;
        if (!(m->items = realloc(m->items, (size_t)m->cap * sizeof *m->items)))
            abort();
    }
    m->items[m->n++] = b;
    pthread_mutex_unlock(&m->lock);
}

static uint64_t release(uint64_t *b)
{
    uint64_t s = b[0] + b[b[0] - 1];
    free(b);
    return s;
}

static void *worker(void *p)
{
    struct arg *a = p;
    uint64_t **pool = calloc(POOL, sizeof *pool);
    struct spare sp = {0, 0, 0};
    if (!pool)
        abort();
    uint64_t s = bench_mix((uint64_t)a->tid + 17), acc = 0;
    int to = (a->tid + 1) % nthreads;
    for (long i = 0; i < ops_per_thread; i++) {
        uint64_t x = bench_xorshift(&s);
        size_t words = pick_words(x >> 20);
        uint64_t *b = malloc(words * sizeof *b);
        if (!b)
            abort();
        b[0] = words;
        for (size_t k = 1; k < words; k++)
            b[k] = x + k;
        if (i % SEND_EVERY == 0) {
            post(to, b);
            a->posted++;
        } else {
            int slot = (int)(x % POOL);
            if (pool[slot])
                acc += release(pool[slot]);
            pool[slot] = b;
        }
        if (i % DRAIN_EVERY == DRAIN_EVERY - 1)
            acc += drain(a->tid, &sp);
    }
    /* everyone has posted everything: empty the own mailbox one last time */
    pthread_barrier_wait(&done_barrier);
    acc += drain(a->tid, &sp);
    for (int slot = 0; slot < POOL; slot++)
        if (pool[slot])
            acc += release(pool[slot]);
    free(sp.items);
    free(pool);
    a->drained = sp.drained;
    a->result = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nthreads = bench_threads(argc, argv, 2);
    ops_per_thread = bench_work(scale, BASE_OPS) / nthreads;
    boxes = calloc((size_t)nthreads, sizeof *boxes);
    if (!boxes)
        abort();
    for (int t = 0; t < nthreads; t++)
        BENCH_CHECK(pthread_mutex_init(&boxes[t].lock, NULL));
    BENCH_CHECK(pthread_barrier_init(&done_barrier, NULL, (unsigned)nthreads));
    pthread_t th[256];
    struct arg args[256];
    for (int t = 0; t < nthreads; t++) {
        args[t] = (struct arg){.tid = t};
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, &args[t]));
    }
    uint64_t c = 0;
    for (int t = 0; t < nthreads; t++) {
        BENCH_CHECK(pthread_join(th[t], NULL));
        c += bench_mix(args[t].result ^ (uint64_t)t);
    }
    for (int t = 0; t < nthreads; t++) { /* self-check: every posted block was received */
        if (args[t].posted != args[(t + 1) % nthreads].drained) {
            fprintf(stderr, "mailbox_free: thread %d posted %ld blocks, %ld arrived\n", t,
                    args[t].posted, args[(t + 1) % nthreads].drained);
            return 1;
        }
    }
    BENCH_CHECK(pthread_barrier_destroy(&done_barrier));
    for (int t = 0; t < nthreads; t++) {
        BENCH_CHECK(pthread_mutex_destroy(&boxes[t].lock));
        free(boxes[t].items);
    }
    free(boxes);
    bench_checksum(c);
    return 0;
}
