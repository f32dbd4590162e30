/* lz.h - the LZ77 stream format and the input generator shared by lz_compress.c and
 * lz_decompress.c (header-only).
 *
 * A compressed block is a sequence of groups: one flag byte, then up to 8 items; bit i of the
 * flag (LSB first) says whether item i is a match (1: a 16-bit little-endian distance
 * 1..LZ_WINDOW, then one byte length - LZ_MIN_MATCH) or a literal byte (0). A match may reach
 * back across the block start into the previous block's data (the window, as deflate's). The
 * decoder knows each block's decompressed size. lz_decode() is the reference decoder the
 * programs check their results with.
 *
 * lz_gen_block() fills a block with text-like data (words from a fixed vocabulary with a
 * skewed choice, numbers, punctuation): deterministic per block index, so a block's content
 * does not depend on which thread generates it or when. */
#ifndef CRACE_BENCH_LZ_H
#define CRACE_BENCH_LZ_H

#include "bench.h"

#define LZ_WINDOW 32768
#define LZ_MIN_MATCH 3
#define LZ_MAX_MATCH 258
/* worst case compressed size of n input bytes: one flag byte per 8 literals */
#define LZ_BOUND(n) ((n) + (n) / 8 + 16)

#define LZ_VOCAB 4096
static char lz_words[LZ_VOCAB][12];
static unsigned char lz_wlen[LZ_VOCAB];

/* The vocabulary: pronounceable words of 2..10 letters (call once, single-threaded). */
static inline void lz_vocab_init(void)
{
    static const char cons[] = "bcdfghjklmnprstvwz", vow[] = "aeiou";
    uint64_t s = 0x1234567887654321ull;
    for (int w = 0; w < LZ_VOCAB; w++) {
        int len = 2 + (int)(bench_xorshift(&s) % 9);
        for (int i = 0; i < len; i++) {
            uint64_t r = bench_xorshift(&s);
            lz_words[w][i] = (i & 1) ? vow[r % 5] : cons[r % 18];
        }
        lz_wlen[w] = (unsigned char)len;
    }
}

/* Block `index` of the input, n bytes: words (frequent ones far more often), numbers,
 * punctuation and line breaks. */
static inline void lz_gen_block(unsigned char *dst, size_t n, long index)
{
    uint64_t s = bench_mix((uint64_t)index * 7919 + 1);
    size_t i = 0;
    while (i < n) {
        uint64_t r = bench_xorshift(&s);
        unsigned pick = (unsigned)(r & 255);
        if (pick < 200) { /* a word: 3 in 4 from the 64 most frequent */
            unsigned w = (r >> 8) & 3 ? (unsigned)(r >> 10) % 64 : (unsigned)(r >> 10) % LZ_VOCAB;
            for (unsigned k = 0; k < lz_wlen[w] && i < n; k++)
                dst[i++] = (unsigned char)lz_words[w][k];
        } else if (pick < 230) { /* a number */
            unsigned v = (unsigned)(r >> 12) % 100000;
            do {
                if (i < n)
                    dst[i++] = (unsigned char)('0' + v % 10);
                v /= 10;
            } while (v);
        } else if (pick < 250) {
            if (i < n)
                dst[i++] = (unsigned char)",.;:()"[(r >> 9) % 6];
        } else if (i < n) {
            dst[i++] = '\n';
        }
        if (i < n)
            dst[i++] = ' ';
    }
}

/* Decode n bytes of compressed block src into dst (a match may reach back before dst, into
 * the window the caller placed there); returns the decoded size, or -1 when a match reaches
 * further back than `behind` bytes or past dst + cap (a corrupt stream). */
static inline long lz_decode(const unsigned char *src, size_t n, unsigned char *dst, long behind,
                             long cap)
{
    long pos = 0;
    size_t i = 0;
    while (i < n) {
        unsigned flags = src[i++];
        for (int k = 0; k < 8 && i < n; k++) {
            if (flags & (1u << k)) {
                if (i + 3 > n)
                    return -1;
                long dist = src[i] | (long)src[i + 1] << 8, len = src[i + 2] + LZ_MIN_MATCH;
                i += 3;
                if (dist < 1 || dist > pos + behind || pos + len > cap)
                    return -1;
                for (long j = 0; j < len; j++, pos++)
                    dst[pos] = dst[pos - dist];
            } else {
                if (pos >= cap)
                    return -1;
                dst[pos++] = src[i++];
            }
        }
    }
    return pos;
}

#endif
