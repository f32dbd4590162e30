/*
 * pprof.h - profiles in pprof's format: profile.proto (github.com/google/
 * pprof, proto/profile.proto) encoded by hand and wrapped in gzip, plus the
 * text forms Go's /debug/pprof endpoints serve with ?debug=1 and 2.
 *
 * A profile is built from samples (a stack of return addresses, innermost
 * first, its values and the thread's labels). Every pc is symbolized here
 * (symbolize.h: functions, files, lines, inlined frames), so the profile
 * carries its own symbols and `go tool pprof` needs no binary: each
 * mapping says has_functions, has_filenames, has_line_numbers and
 * has_inline_frames. Frames of the runtime are left out, and a stack ends
 * at main, as in race reports.
 *
 * The gzip stream uses stored (uncompressed) deflate blocks and a CRC-32:
 * valid gzip, no compression library in the runtime.
 *
 * Callers run in runtime mode (in_rt): symbolization and formatting call
 * libc, which must pass straight through our interceptors.
 */
#ifndef CRACE_PPROF_H
#define CRACE_PPROF_H

#include "labels.h"

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer (rt_alloc'd). */
struct pbuf {
    uint8_t *p;
    size_t len, cap;
};
void pbuf_put(struct pbuf *b, const void *s, size_t n);
void pbuf_printf(struct pbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pbuf_free(struct pbuf *b);

/* What a profile's values are: Go's names ("contentions"/"count",
 * "delay"/"nanoseconds"; "goroutine"/"count"). */
struct pprof_kind {
    int nvalues; /* 1 or 2 */
    const char *type[2], *unit[2];
    const char *period_type, *period_unit;
    int64_t period;
};

struct pprof;

struct pprof *pprof_new(const struct pprof_kind *kind);
void pprof_free(struct pprof *p);

/* One sample: pcs[0..n) innermost first (return addresses, or the call
 * site of an intercepted call), kind->nvalues values; labels may be NULL. */
void pprof_add(struct pprof *p, const uintptr_t *pcs, uint32_t n, const int64_t *values,
               const struct label_set *labels);

/* A note shown by pprof (`-comments`). */
void pprof_comment(struct pprof *p, const char *text);

/* The whole profile, gzip-compressed profile.proto, appended to out. */
void pprof_gzip_proto(struct pprof *p, struct pbuf *out, int64_t time_nanos,
                      int64_t duration_nanos);

/*
 * Text forms of a stack, symbolized through p's cache:
 *   PPROF_TEXT_COUNT   "#\t0x4005d6\tworker+0x26\t/src/x.c:12\n" per frame
 *                      (Go's debug=1 profiles)
 *   PPROF_TEXT_TRACE   "worker()\n\t/src/x.c:12 +0x26\n" per frame
 *                      (Go's debug=2 goroutine dump)
 * pprof_text_pcs prints the " 0x... 0x..." list of the visible frames.
 */
enum { PPROF_TEXT_COUNT, PPROF_TEXT_TRACE };
void pprof_text_stack(struct pprof *p, struct pbuf *out, const uintptr_t *pcs, uint32_t n,
                      int style);
void pprof_text_pcs(struct pprof *p, struct pbuf *out, const uintptr_t *pcs, uint32_t n);

/* gzip of data[0..n) (stored blocks) appended to out; crc32 of bytes. */
void pprof_gzip(struct pbuf *out, const uint8_t *data, size_t n);
uint32_t pprof_crc32(const uint8_t *data, size_t n);

#endif
