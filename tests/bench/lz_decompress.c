/* lz_decompress: an LZ77 decompression pipeline shaped like pigz -d. A reader thread produces
 * the compressed blocks (lz.h format; generated token by token, matches reaching up to 32 KiB
 * back, across block starts) into a ring of input slots; the inflater thread decodes them in
 * order into a 32 MiB ring of output blocks (literal bytes, byte-by-byte match copies, 16-bit
 * distances read unaligned); a checker thread computes a CRC-32 of every output block after
 * the inflater hands it over, and hands the slot back. Slots go back and forth under one
 * mutex and three condition variables. Measures byte and halfword accesses to data written
 * by one thread and read by another, at every stage. 256 MiB of output at scale 1; the
 * thread count is fixed (3). Self-checks: each block's stream decodes to exactly one block,
 * and every output byte is one of the literal letters.
 * usage: lz_decompress [scale=1] */
#include "lz.h"

#define BLOCK (128 * 1024)
#define BASE_BLOCKS 2048 /* 256 MiB of output */
#define IN_SLOTS 16
#define OUT_SLOTS 256 /* 32 MiB */

static long nblocks;
static unsigned char *in_ring;  /* IN_SLOTS x LZ_BOUND(BLOCK) */
static size_t in_len[IN_SLOTS]; /* compressed size per slot; lock */
static unsigned char *out_ring; /* OUT_SLOTS x BLOCK, one contiguous ring */
static uint32_t crc_table[256];

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t produced_cv = PTHREAD_COND_INITIALIZER; /* reader -> inflater */
static pthread_cond_t consumed_cv = PTHREAD_COND_INITIALIZER; /* inflater -> reader */
static pthread_cond_t inflated_cv = PTHREAD_COND_INITIALIZER; /* inflater <-> checker */
static long produced, consumed, inflated, checked;            /* block counts; lock */
static uint64_t result;                                       /* checker's, read after the join */

/* Produce block b's tokens into dst: its output position starts at b * BLOCK. */
static size_t gen_tokens(unsigned char *dst, long b, uint64_t *s)
{
    long pos = b * BLOCK, end = pos + BLOCK;
    size_t n = 0, flag_at = 0;
    int items = 8;
    while (pos < end) {
        if (items == 8) {
            flag_at = n++;
            dst[flag_at] = 0;
            items = 0;
        }
        uint64_t r = bench_xorshift(s);
        long room = end - pos;
        if (pos >= LZ_MIN_MATCH && (r & 7) >= 3 && room >= LZ_MIN_MATCH) {
            long maxd = pos < LZ_WINDOW ? pos : LZ_WINDOW;
            /* mostly short distances and lengths, as in text */
            long dist = (r >> 8) & 1 ? 1 + (long)((r >> 9) % (maxd < 512 ? maxd : 512))
                                     : 1 + (long)((r >> 9) % maxd);
            long len = LZ_MIN_MATCH + (long)((r >> 40) & 15);
            if ((r >> 44) % 16 == 0)
                len = LZ_MIN_MATCH + (long)((r >> 48) % (LZ_MAX_MATCH - LZ_MIN_MATCH + 1));
            if (len > room)
                len = room;
            dst[flag_at] |= (unsigned char)(1u << items);
            dst[n] = (unsigned char)dist;
            dst[n + 1] = (unsigned char)(dist >> 8);
            dst[n + 2] = (unsigned char)(len - LZ_MIN_MATCH);
            n += 3;
            pos += len;
        } else {
            dst[n++] = (unsigned char)('a' + (r >> 8) % 26);
            pos++;
        }
        items++;
    }
    return n;
}

static void *reader(void *unused)
{
    (void)unused;
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (long b = 0; b < nblocks; b++) {
        pthread_mutex_lock(&lock);
        while (b - consumed >= IN_SLOTS)
            pthread_cond_wait(&consumed_cv, &lock);
        pthread_mutex_unlock(&lock);
        int slot = (int)(b % IN_SLOTS);
        size_t n = gen_tokens(in_ring + (size_t)slot * LZ_BOUND(BLOCK), b, &s);
        pthread_mutex_lock(&lock);
        in_len[slot] = n;
        produced = b + 1;
        pthread_cond_signal(&produced_cv);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

/* The output byte at stream position pos (the ring wraps). */
#define OUT_AT(pos) (out_ring + (size_t)((pos) % ((long)OUT_SLOTS * BLOCK)))

static void inflate_block(const unsigned char *src, size_t n, long b)
{
    long pos = b * BLOCK;
    unsigned char *ring_end = out_ring + (size_t)OUT_SLOTS * BLOCK;
    size_t i = 0;
    while (i < n) {
        unsigned flags = src[i++];
        for (int k = 0; k < 8 && i < n; k++) {
            if (flags & (1u << k)) {
                uint16_t dist;
                memcpy(&dist, src + i, 2);
                int len = src[i + 2] + LZ_MIN_MATCH;
                i += 3;
                unsigned char *to = OUT_AT(pos);
                const unsigned char *from = OUT_AT(pos - dist);
                for (int j = 0; j < len; j++) { /* overlapping copies go byte by byte */
                    *to++ = *from++;
                    if (to == ring_end)
                        to = out_ring;
                    if (from == ring_end)
                        from = out_ring;
                }
                pos += len;
            } else {
                *OUT_AT(pos) = src[i++];
                pos++;
            }
        }
    }
    if (pos != (b + 1) * BLOCK) { /* self-check: the stream decodes to exactly one block */
        fprintf(stderr, "lz_decompress: block %ld decoded to %ld bytes\n", b, pos - b * BLOCK);
        exit(1);
    }
}

static void *inflater(void *unused)
{
    (void)unused;
    for (long b = 0; b < nblocks; b++) {
        pthread_mutex_lock(&lock);
        while (produced <= b)
            pthread_cond_wait(&produced_cv, &lock);
        /* block b's slot, and the window's (b - 1), must not be in the checker's hands:
         * the checker hands slot b back once it checked block b - OUT_SLOTS */
        while (b - checked >= OUT_SLOTS - 1)
            pthread_cond_wait(&inflated_cv, &lock);
        int slot = (int)(b % IN_SLOTS);
        size_t n = in_len[slot];
        pthread_mutex_unlock(&lock);
        inflate_block(in_ring + (size_t)slot * LZ_BOUND(BLOCK), n, b);
        pthread_mutex_lock(&lock);
        consumed = b + 1;
        inflated = b + 1;
        pthread_cond_signal(&consumed_cv);
        pthread_cond_broadcast(&inflated_cv);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *checker(void *unused)
{
    (void)unused;
    uint64_t c = 0;
    for (long b = 0; b < nblocks; b++) {
        pthread_mutex_lock(&lock);
        while (inflated <= b)
            pthread_cond_wait(&inflated_cv, &lock);
        pthread_mutex_unlock(&lock);
        const unsigned char *p = OUT_AT(b * BLOCK);
        uint32_t crc = 0xffffffffu;
        unsigned bad = 0;
        for (long i = 0; i < BLOCK; i++) {
            crc = crc_table[(crc ^ p[i]) & 255] ^ (crc >> 8);
            bad |= (unsigned)(p[i] - 'a') >= 26; /* every byte comes from a literal letter */
        }
        if (bad) {
            fprintf(stderr, "lz_decompress: block %ld has bytes that are no literal\n", b);
            exit(1);
        }
        c = bench_mix(c ^ crc);
        pthread_mutex_lock(&lock);
        checked = b + 1;
        pthread_cond_broadcast(&inflated_cv);
        pthread_mutex_unlock(&lock);
    }
    result = c;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    nblocks = bench_work(scale, BASE_BLOCKS);
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t r = i;
        for (int k = 0; k < 8; k++)
            r = (r >> 1) ^ (0xedb88320u & (0u - (r & 1)));
        crc_table[i] = r;
    }
    in_ring = malloc((size_t)IN_SLOTS * LZ_BOUND(BLOCK));
    out_ring = malloc((size_t)OUT_SLOTS * BLOCK);
    if (!in_ring || !out_ring)
        abort();
    pthread_t th[3];
    BENCH_CHECK(pthread_create(&th[0], NULL, reader, NULL));
    BENCH_CHECK(pthread_create(&th[1], NULL, inflater, NULL));
    BENCH_CHECK(pthread_create(&th[2], NULL, checker, NULL));
    for (int t = 0; t < 3; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    bench_checksum(bench_mix(result ^ (uint64_t)nblocks));
    free(in_ring);
    free(out_ring);
    return 0;
}
