/* Shared helpers for the crace benchmark programs (header-only).
 *
 * Every benchmark takes argv[1] = scale factor (floating point, default 1.0) that
 * multiplies the total amount of work, and optionally argv[2] = thread count. The total
 * work is fixed by the scale and is split between the threads, so "1 thread, scale S" and
 * "2 threads, scale S" do the same total work.  Each program prints exactly one line
 * starting with "checksum " that is deterministic for a given (scale, threads).
 */
#ifndef CRACE_BENCH_H
#define CRACE_BENCH_H

#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L /* rwlocks, barriers with -std=c11 */
#endif

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint64_t bench_xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

/* splitmix64 finalizer: a good 64-bit mixing function. */
static inline uint64_t bench_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static inline double bench_scale(int argc, char **argv)
{
    double s = 1.0;
    if (argc > 1) {
        s = strtod(argv[1], NULL);
        if (!(s > 0)) {
            fprintf(stderr, "%s: bad scale '%s'\n", argv[0], argv[1]);
            exit(2);
        }
    }
    return s;
}

static inline int bench_threads(int argc, char **argv, int def)
{
    int t = def;
    if (argc > 2) {
        t = atoi(argv[2]);
        if (t < 1 || t > 256) {
            fprintf(stderr, "%s: bad thread count '%s'\n", argv[0], argv[2]);
            exit(2);
        }
    }
    return t;
}

/* scale * base, at least 1 */
static inline long bench_work(double scale, long base)
{
    long w = (long)(scale * (double)base + 0.5);
    return w < 1 ? 1 : w;
}

#define BENCH_CHECK(call)                                                                          \
    do {                                                                                           \
        int rc_ = (call);                                                                          \
        if (rc_ != 0) {                                                                            \
            fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call, strerror(rc_));   \
            exit(3);                                                                               \
        }                                                                                          \
    } while (0)

static inline void bench_checksum(uint64_t c)
{
    printf("checksum %016llx\n", (unsigned long long)c);
}

#endif
