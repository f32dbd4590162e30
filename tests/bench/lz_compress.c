/* lz_compress: a parallel LZ77 compressor shaped like pigz. A reader thread fills the input
 * (32 MiB at scale 1, text-like, lz.h) block by block into one shared buffer and publishes
 * each block under a mutex + condvar; the worker threads take blocks in turn and compress
 * each with hash chains (a 32 KiB window reaching into the previous block, written by the
 * reader; 16-bit chain links; byte and halfword compares), into a block buffer they
 * malloc; the main thread takes the compressed blocks in order, checksums their bytes and
 * frees them (blocks allocated by another thread). Measures byte/halfword accesses to data
 * written by one thread and read by others, and private hash-chain tables.
 * The output does not depend on the thread count.
 * usage: lz_compress [scale=1] [threads=2] */
#include "lz.h"

#define BLOCK (128 * 1024)
#define BASE_BLOCKS 256 /* 32 MiB */
#define HASH_BITS 15
#define MAX_CHAIN 96
#define NICE_MATCH 128

static unsigned char *input;
static long nblocks;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled_cv = PTHREAD_COND_INITIALIZER; /* reader -> workers */
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;   /* workers -> main */
static long filled;                                         /* blocks the reader published; lock */
static long next_take;                                      /* next block for a worker; lock */
struct out {
    unsigned char *data; /* NULL until compressed; lock */
    size_t len;
};
static struct out *outs;

/* Per-worker match state (a worker's own heap memory). */
struct matcher {
    int32_t head[1 << HASH_BITS]; /* last position + 1 with this hash, 0 = none */
    uint16_t *prev;               /* distance to the previous position with the same hash */
};

static unsigned hash3(const unsigned char *p)
{
    return ((p[0] << 10) ^ (p[1] << 5) ^ p[2]) & ((1u << HASH_BITS) - 1);
}

static uint16_t load16(const unsigned char *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

/* Insert position pos of win (relative to win) into the chains. */
static void insert(struct matcher *m, const unsigned char *win, long pos)
{
    unsigned h = hash3(win + pos);
    long last = m->head[h] - 1;
    long d = last >= 0 ? pos - last : 0;
    m->prev[pos] = (uint16_t)(d > 0 && d <= LZ_WINDOW - 1 ? d : 0);
    m->head[h] = (int32_t)(pos + 1);
}

/* Longest match for win[pos..end) in the chain; *dist set when the result is >= MIN. */
static int longest(const struct matcher *m, const unsigned char *win, long pos, long end, int *dist)
{
    int best = LZ_MIN_MATCH - 1, chain = MAX_CHAIN;
    long max = end - pos < LZ_MAX_MATCH ? end - pos : LZ_MAX_MATCH;
    if (max < LZ_MIN_MATCH)
        return 0;
    long cand = m->head[hash3(win + pos)] - 1;
    const unsigned char *s = win + pos;
    while (cand >= 0 && cand < pos && pos - cand <= LZ_WINDOW - 1 && chain-- > 0) {
        const unsigned char *c = win + cand;
        /* the halfword ending the best match so far and the first two bytes first */
        if (load16(c + best - 1) == load16(s + best - 1) && load16(c) == load16(s)) {
            int len = 2;
            while (len < max && c[len] == s[len])
                len++;
            if (len > best) {
                best = len;
                *dist = (int)(pos - cand);
                if (len >= NICE_MATCH || len == max)
                    break;
            }
        }
        uint16_t d = m->prev[cand];
        if (!d)
            break;
        cand -= d;
    }
    return best >= LZ_MIN_MATCH ? best : 0;
}

/* Compress block b (its window: the LZ_WINDOW bytes before it) into a fresh buffer. */
static struct out compress_block(struct matcher *m, long b)
{
    long start = b * BLOCK, wstart = start >= LZ_WINDOW ? start - LZ_WINDOW : 0;
    const unsigned char *win = input + wstart;
    long from = start - wstart, end = from + BLOCK;
    memset(m->head, 0, sizeof m->head);
    for (long p = 0; p + 2 < from; p++)
        insert(m, win, p);
    unsigned char *o = malloc(LZ_BOUND(BLOCK));
    if (!o)
        abort();
    size_t n = 0, flag_at = 0;
    int items = 8;
    for (long p = from; p < end;) {
        if (items == 8) {
            flag_at = n++;
            o[flag_at] = 0;
            items = 0;
        }
        int dist = 0, len = p + 2 < end ? longest(m, win, p, end, &dist) : 0;
        if (len) {
            o[flag_at] |= (unsigned char)(1u << items);
            o[n] = (unsigned char)dist;
            o[n + 1] = (unsigned char)(dist >> 8);
            o[n + 2] = (unsigned char)(len - LZ_MIN_MATCH);
            n += 3;
            for (long q = p; q < p + len && q + 2 < end; q++)
                insert(m, win, q);
            p += len;
        } else {
            o[n++] = win[p];
            if (p + 2 < end)
                insert(m, win, p);
            p++;
        }
        items++;
    }
    return (struct out){o, n};
}

static void *reader(void *unused)
{
    (void)unused;
    for (long b = 0; b < nblocks; b++) {
        lz_gen_block(input + b * BLOCK, BLOCK, b);
        pthread_mutex_lock(&lock);
        filled = b + 1;
        pthread_cond_broadcast(&filled_cv);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *worker(void *unused)
{
    (void)unused;
    struct matcher *m = malloc(sizeof *m);
    if (!m || !(m->prev = malloc((LZ_WINDOW + BLOCK) * sizeof *m->prev)))
        abort();
    for (;;) {
        pthread_mutex_lock(&lock);
        long b = next_take < nblocks ? next_take++ : -1;
        while (b >= 0 && filled <= b)
            pthread_cond_wait(&filled_cv, &lock);
        pthread_mutex_unlock(&lock);
        if (b < 0)
            break;
        struct out r = compress_block(m, b);
        pthread_mutex_lock(&lock);
        outs[b] = r;
        pthread_cond_signal(&done_cv);
        pthread_mutex_unlock(&lock);
    }
    free(m->prev);
    free(m);
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    nblocks = bench_work(scale, BASE_BLOCKS);
    lz_vocab_init();
    input = malloc((size_t)nblocks * BLOCK);
    outs = calloc((size_t)nblocks, sizeof *outs);
    if (!input || !outs)
        abort();
    pthread_t rd, th[256];
    BENCH_CHECK(pthread_create(&rd, NULL, reader, NULL));
    for (int t = 0; t < nt; t++)
        BENCH_CHECK(pthread_create(&th[t], NULL, worker, NULL));
    /* the writer: blocks in order, as they complete; each is decoded again (after its window)
     * and compared with the input: the self-check */
    unsigned char *check = malloc(LZ_WINDOW + BLOCK);
    if (!check)
        abort();
    uint64_t c = 0;
    for (long b = 0; b < nblocks; b++) {
        pthread_mutex_lock(&lock);
        while (!outs[b].data)
            pthread_cond_wait(&done_cv, &lock);
        struct out r = outs[b];
        pthread_mutex_unlock(&lock);
        uint32_t a = 1, s2 = 0; /* Adler-32 of the compressed bytes */
        for (size_t i = 0; i < r.len; i++) {
            a = (a + r.data[i]) % 65521;
            s2 = (s2 + a) % 65521;
        }
        c = bench_mix(c ^ ((uint64_t)s2 << 16 | a) ^ r.len);
        long behind = b ? LZ_WINDOW : 0;
        memcpy(check, input + b * BLOCK - behind, (size_t)behind);
        if (lz_decode(r.data, r.len, check + behind, behind, BLOCK) != BLOCK ||
            memcmp(check + behind, input + b * BLOCK, BLOCK) != 0) {
            fprintf(stderr, "lz_compress: block %ld does not decode to its input\n", b);
            return 1;
        }
        free(r.data);
    }
    BENCH_CHECK(pthread_join(rd, NULL));
    for (int t = 0; t < nt; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    bench_checksum(c);
    free(check);
    free(outs);
    free(input);
    return 0;
}
