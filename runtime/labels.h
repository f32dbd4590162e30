/*
 * labels.h - per-thread labels (crace_set_label: request=42, worker=3) and
 * the thread identity calls of crace.h (crace_thread_id, the name getter).
 *
 * Each thread's labels live in its record (struct crace_thread.labels),
 * written only by the thread itself and read by anyone: race reports,
 * profiles, dumps, the pprof HTTP thread, a signal handler on the thread
 * itself. The writer fills the inactive one of two buffers and then
 * publishes it by bumping a generation (release); a reader copies the
 * active buffer and keeps the copy if the generation did not move
 * meanwhile. A reader never blocks or waits on the writer: a thread's own
 * signal handler always reads the last complete set.
 */
#ifndef CRACE_LABELS_H
#define CRACE_LABELS_H

#include <stddef.h>
#include <stdint.h>

#define LABELS_MAX 16    /* labels per thread */
#define LABELS_BYTES 256 /* "key\0value\0" pairs of one set, packed */

/* One complete set: n pairs packed in text, sorted by key. */
struct label_set {
    uint32_t n;
    uint32_t len; /* bytes of text used */
    char text[LABELS_BYTES];
};

/* The storage in each thread record. */
struct thread_labels {
    uint32_t gen; /* buf[gen & 1] is the published set */
    struct label_set buf[2];
};

/* A consistent copy of a thread's labels (any thread, any time the
 * record is valid); out->n == 0 when it has none. labels_read(t, out)
 * reads thread t's. */
void labels_read_from(const struct thread_labels *l, struct label_set *out);
#define labels_read(t, out) labels_read_from(&(t)->labels, (out))

/* The owning thread only: set key to value (NULL: remove key) and
 * publish; -1 if the set would exceed LABELS_MAX or LABELS_BYTES (nothing
 * changes). labels_clear removes them all. */
int labels_set(struct thread_labels *l, const char *key, const char *value);
void labels_clear(struct thread_labels *l);

/* d = cur with key set to value (removed when NULL); -1 if it does not fit. */
int labels_with(const struct label_set *cur, struct label_set *d, const char *key,
                const char *value);

/* Walk a set: start with *pos = 0; 1 and *key, *value set while pairs are
 * left. The strings point into s. */
int labels_next(const struct label_set *s, uint32_t *pos, const char **key, const char **value);

/* "request=42 worker=3" into buf (always terminated); the length needed. */
size_t labels_format(const struct label_set *s, char *buf, size_t len);

/* Two sets hold the same labels. */
int labels_equal(const struct label_set *a, const struct label_set *b);

#endif
