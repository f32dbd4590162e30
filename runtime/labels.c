/*
 * labels.c - label storage (labels.h): consistent reads of another
 * thread's labels, and the sets themselves, built, walked and printed.
 *
 * A label set is kept sorted by key, so two threads with the same labels
 * have byte-identical sets (profiles group samples by them) and every
 * printout lists them in one order.
 */
#include "labels.h"
#include "rt.h"

void labels_read_from(const struct thread_labels *l, struct label_set *out)
{
    for (int tries = 0; tries < 64; tries++) {
        uint32_t g = __atomic_load_n(&l->gen, __ATOMIC_ACQUIRE);
        const struct label_set *s = &l->buf[g & 1];
        uint32_t len = s->len < LABELS_BYTES ? s->len : LABELS_BYTES;
        out->n = s->n;
        out->len = len;
        rt_memcpy(out->text, s->text, len);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&l->gen, __ATOMIC_RELAXED) == g)
            return;
    }
    out->n = out->len = 0; /* relabelled faster than we can copy: show none */
}

/* String helpers of our own: the libc names are interceptors that would
 * check these reads as the program's (labels.c runs on program threads
 * outside runtime mode). */
static size_t str_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int str_cmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int labels_next(const struct label_set *s, uint32_t *pos, const char **key, const char **value)
{
    if (*pos >= s->len)
        return 0;
    *key = s->text + *pos;
    *value = *key + str_len(*key) + 1;
    *pos = (uint32_t)(*value + str_len(*value) + 1 - s->text);
    return 1;
}

/* Append n bytes of s at buf[*used] if they fit (len: buf's size, one
 * byte kept for the terminator); *used counts them either way. */
static void put(char *buf, size_t len, size_t *used, const char *s, size_t n)
{
    if (*used + n < len)
        rt_memcpy(buf + *used, s, n);
    *used += n;
}

size_t labels_format(const struct label_set *s, char *buf, size_t len)
{
    size_t used = 0;
    uint32_t pos = 0;
    const char *k, *v;
    while (labels_next(s, &pos, &k, &v)) {
        if (used)
            put(buf, len, &used, " ", 1);
        put(buf, len, &used, k, str_len(k));
        put(buf, len, &used, "=", 1);
        put(buf, len, &used, v, str_len(v));
    }
    if (len)
        buf[used < len ? used : len - 1] = 0;
    return used;
}

int labels_equal(const struct label_set *a, const struct label_set *b)
{
    if (a->n != b->n || a->len != b->len)
        return 0;
    for (uint32_t i = 0; i < a->len; i++)
        if (a->text[i] != b->text[i])
            return 0;
    return 1;
}

/* Append one pair to d (room checked by the caller). */
static void put_pair(struct label_set *d, const char *k, size_t kl, const char *v, size_t vl)
{
    rt_memcpy(d->text + d->len, k, kl + 1);
    rt_memcpy(d->text + d->len + kl + 1, v, vl + 1);
    d->len += (uint32_t)(kl + vl + 2);
    d->n++;
}

/* Bytes and labels of cur once key is set to value (removed when NULL). */
static int fits(const struct label_set *cur, const char *key, size_t kl, const char *value,
                size_t vl)
{
    size_t len = cur->len;
    uint32_t n = cur->n, pos = 0;
    const char *k, *v;
    while (labels_next(cur, &pos, &k, &v))
        if (!str_cmp(k, key)) {
            len -= kl + str_len(v) + 2;
            n--;
        }
    if (value) {
        len += kl + vl + 2;
        n++;
    }
    return n <= LABELS_MAX && len <= LABELS_BYTES;
}

int labels_with(const struct label_set *cur, struct label_set *d, const char *key,
                const char *value)
{
    size_t kl = str_len(key), vl = value ? str_len(value) : 0;
    uint32_t pos = 0;
    const char *k, *v;
    int placed = value == 0;
    if (!fits(cur, key, kl, value, vl))
        return -1;
    d->n = d->len = 0;
    while (labels_next(cur, &pos, &k, &v)) {
        int cmp = str_cmp(k, key);
        if (cmp > 0 && !placed) {
            put_pair(d, key, kl, value, vl);
            placed = 1;
        }
        if (cmp != 0) /* an old value of key is replaced or removed */
            put_pair(d, k, str_len(k), v, str_len(v));
    }
    if (!placed)
        put_pair(d, key, kl, value, vl);
    return 0;
}

int labels_set(struct thread_labels *l, const char *key, const char *value)
{
    int rc = labels_with(&l->buf[l->gen & 1], &l->buf[(l->gen + 1) & 1], key, value);
    if (rc == 0)
        __atomic_store_n(&l->gen, l->gen + 1, __ATOMIC_RELEASE); /* publish */
    return rc;
}

void labels_clear(struct thread_labels *l)
{
    struct label_set *d = &l->buf[(l->gen + 1) & 1];
    d->n = d->len = 0;
    __atomic_store_n(&l->gen, l->gen + 1, __ATOMIC_RELEASE);
}
