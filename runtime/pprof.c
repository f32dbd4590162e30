/*
 * pprof.c - the profile.proto encoder, its symbol cache, the text forms of
 * Go's debug=1/2 profiles and the gzip writer (pprof.h).
 *
 * Protocol buffers, as much as profile.proto needs: a field is a key
 * (number << 3 | wire type) then a varint (type 0) or a length and bytes
 * (type 2: strings, nested messages, packed repeated integers). A message
 * is the concatenation of its fields in any order, so samples are encoded
 * as they are added and the tables they refer to (locations, functions,
 * mappings, strings) are written at the end.
 */
#include "pprof.h"
#include "rt.h"
#include "symbolize.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- byte buffers ---- */

static void pbuf_reserve(struct pbuf *b, size_t n)
{
    if (b->len + n <= b->cap)
        return;
    size_t cap = b->cap ? 2 * b->cap : 4096;
    while (cap < b->len + n)
        cap *= 2;
    b->p = rt_realloc(b->p, cap);
    b->cap = cap;
}

void pbuf_put(struct pbuf *b, const void *s, size_t n)
{
    pbuf_reserve(b, n);
    rt_memcpy(b->p + b->len, s, n);
    b->len += n;
}

void pbuf_printf(struct pbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(0, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    pbuf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf((char *)b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void pbuf_free(struct pbuf *b)
{
    rt_free(b->p);
    b->p = 0;
    b->len = b->cap = 0;
}

/* ---- protocol buffer fields ---- */

enum { WIRE_VARINT = 0, WIRE_BYTES = 2 };

static void pb_varint(struct pbuf *b, uint64_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    pbuf_put(b, tmp, n);
}

static void pb_key(struct pbuf *b, unsigned field, unsigned wire)
{
    pb_varint(b, (uint64_t)field << 3 | wire);
}

/* An integer field; zero is the default and is left out (proto3). */
static void pb_int(struct pbuf *b, unsigned field, uint64_t v)
{
    if (!v)
        return;
    pb_key(b, field, WIRE_VARINT);
    pb_varint(b, v);
}

static void pb_bytes(struct pbuf *b, unsigned field, const void *s, size_t n)
{
    pb_key(b, field, WIRE_BYTES);
    pb_varint(b, n);
    pbuf_put(b, s, n);
}

/* A nested message built in msg, which is emptied for the next one. */
static void pb_msg(struct pbuf *b, unsigned field, struct pbuf *msg)
{
    pb_bytes(b, field, msg->p, msg->len);
    msg->len = 0;
}

/* Field numbers of profile.proto. */
enum {
    PROFILE_SAMPLE_TYPE = 1,
    PROFILE_SAMPLE = 2,
    PROFILE_MAPPING = 3,
    PROFILE_LOCATION = 4,
    PROFILE_FUNCTION = 5,
    PROFILE_STRING_TABLE = 6,
    PROFILE_TIME_NANOS = 9,
    PROFILE_DURATION_NANOS = 10,
    PROFILE_PERIOD_TYPE = 11,
    PROFILE_PERIOD = 12,
    PROFILE_COMMENT = 13,
    VALUETYPE_TYPE = 1,
    VALUETYPE_UNIT = 2,
    SAMPLE_LOCATION_ID = 1,
    SAMPLE_VALUE = 2,
    SAMPLE_LABEL = 3,
    LABEL_KEY = 1,
    LABEL_STR = 2,
    MAPPING_ID = 1,
    MAPPING_MEMORY_START = 2,
    MAPPING_MEMORY_LIMIT = 3,
    MAPPING_FILE_OFFSET = 4,
    MAPPING_FILENAME = 5,
    MAPPING_HAS_FUNCTIONS = 7,
    MAPPING_HAS_FILENAMES = 8,
    MAPPING_HAS_LINE_NUMBERS = 9,
    MAPPING_HAS_INLINE_FRAMES = 10,
    LOCATION_ID = 1,
    LOCATION_MAPPING_ID = 2,
    LOCATION_ADDRESS = 3,
    LOCATION_LINE = 4,
    LINE_FUNCTION_ID = 1,
    LINE_LINE = 2,
    FUNCTION_ID = 1,
    FUNCTION_NAME = 2,
    FUNCTION_SYSTEM_NAME = 3,
    FUNCTION_FILENAME = 4,
};

/* ---- hashing ---- */

static uint64_t hash_bytes(const void *s, size_t n, uint64_t h)
{
    const uint8_t *p = s;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t hash_word(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

/*
 * An open-addressing table of non-zero 64-bit keys to indexes into the
 * owner's arrays (index + 1 stored, 0 = empty). The owner compares keys
 * that are only hashes (strings) itself through `same`.
 */
struct itable {
    uint64_t *keys;
    uint32_t *vals;
    uint32_t cap, n;
};

static uint32_t *itable_slot(struct itable *t, uint64_t key, int (*same)(void *, uint32_t),
                             void *ctx)
{
    uint32_t m = t->cap - 1;
    for (uint32_t i = (uint32_t)hash_word(key) & m;; i = (i + 1) & m) {
        if (!t->vals[i])
            return &t->vals[i];
        if (t->keys[i] == key && (!same || same(ctx, t->vals[i] - 1)))
            return &t->vals[i];
    }
}

static void itable_grow(struct itable *t)
{
    struct itable old = *t;
    t->cap = old.cap ? 2 * old.cap : 256;
    t->keys = rt_alloc(t->cap * sizeof *t->keys);
    t->vals = rt_alloc(t->cap * sizeof *t->vals);
    t->n = 0;
    for (uint32_t i = 0; i < old.cap; i++) {
        if (!old.vals[i])
            continue;
        uint32_t m = t->cap - 1, k = (uint32_t)hash_word(old.keys[i]) & m;
        while (t->vals[k])
            k = (k + 1) & m;
        t->keys[k] = old.keys[i];
        t->vals[k] = old.vals[i];
        t->n++;
    }
    rt_free(old.keys);
    rt_free(old.vals);
}

/* The index stored for key, or -1; `same` confirms a hash match. */
static int64_t itable_get(struct itable *t, uint64_t key, int (*same)(void *, uint32_t), void *ctx)
{
    if (!t->cap)
        return -1;
    uint32_t *v = itable_slot(t, key, same, ctx);
    return *v ? (int64_t)*v - 1 : -1;
}

static void itable_put(struct itable *t, uint64_t key, uint32_t idx)
{
    if (2 * (t->n + 1) > t->cap)
        itable_grow(t);
    uint32_t m = t->cap - 1, i = (uint32_t)hash_word(key) & m;
    while (t->vals[i])
        i = (i + 1) & m;
    t->keys[i] = key;
    t->vals[i] = idx + 1;
    t->n++;
}

static void itable_free(struct itable *t)
{
    rt_free(t->keys);
    rt_free(t->vals);
}

/* ---- the profile ---- */

#define INLINE_MAX 8 /* frames kept per pc (inlined calls) */

/* What a pc is, symbolized once. */
struct pcinfo {
    uintptr_t pc;
    int hidden;  /* the runtime's own code: left out of stacks */
    int is_main; /* main: a stack ends here */
    int nframes;
    struct sym_frame frames[INLINE_MAX];
    uint64_t loc_id; /* 1.., once used in a sample */
    uint64_t fn_id[INLINE_MAX];
};

struct str {
    const char *s;
    size_t len;
};

struct func {
    const char *name, *file;
};

struct pprof {
    struct pprof_kind kind;
    struct pbuf samples; /* encoded Sample messages */
    struct pbuf scratch, scratch2;
    /* pcs seen, symbolized */
    struct pcinfo **pcs;
    uint32_t npcs, pcs_cap;
    struct itable pc_index;
    /* locations in id order (id = index + 1) */
    struct pcinfo **locs;
    uint32_t nlocs, locs_cap;
    /* functions in id order */
    struct func *funcs;
    uint32_t nfuncs, funcs_cap;
    struct itable func_index;
    /* the string table; strings[0] = "" */
    struct str *strs;
    uint32_t nstrs, strs_cap;
    struct itable str_index;
    struct pbuf own; /* copies of strings that are not the symbolizer's */
    uint64_t *comments;
    uint32_t ncomments;
};

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    *cap = *cap ? 2 * *cap : 64;
    if (*cap < need)
        *cap = need;
    return rt_realloc(p, *cap * elem);
}

/* Strings: pointers that stay valid until the profile is freed. */
struct str_key {
    struct pprof *p;
    const char *s;
    size_t len;
};

static int same_str(void *ctx, uint32_t idx)
{
    struct str_key *k = ctx;
    const struct str *e = &k->p->strs[idx];
    if (e->len != k->len)
        return 0;
    for (size_t i = 0; i < k->len; i++)
        if (e->s[i] != k->s[i])
            return 0;
    return 1;
}

static uint64_t str_id_len(struct pprof *p, const char *s, size_t len, int copy)
{
    if (!len)
        return 0;
    struct str_key k = {p, s, len};
    uint64_t h = hash_bytes(s, len, 0xcbf29ce484222325ull) | 1;
    int64_t idx = itable_get(&p->str_index, h, same_str, &k);
    if (idx >= 0)
        return (uint64_t)idx;
    if (copy) {
        char *c = rt_alloc(len + 1);
        rt_memcpy(c, s, len);
        s = c;
        pbuf_put(&p->own, &c, sizeof c); /* freed with the profile */
    }
    p->strs = grow(p->strs, &p->strs_cap, p->nstrs + 1, sizeof *p->strs);
    p->strs[p->nstrs] = (struct str){s, len};
    itable_put(&p->str_index, h, p->nstrs);
    return p->nstrs++;
}

static size_t cstr_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

/* A string that lives until exit (the symbolizer's, constants). */
static uint64_t str_id(struct pprof *p, const char *s)
{
    return s ? str_id_len(p, s, cstr_len(s), 0) : 0;
}

struct pprof *pprof_new(const struct pprof_kind *kind)
{
    struct pprof *p = rt_alloc(sizeof *p);
    p->kind = *kind;
    p->strs = grow(0, &p->strs_cap, 1, sizeof *p->strs);
    p->strs[0] = (struct str){"", 0};
    p->nstrs = 1;
    return p;
}

void pprof_free(struct pprof *p)
{
    if (!p)
        return;
    for (uint32_t i = 0; i < p->npcs; i++)
        rt_free(p->pcs[i]);
    for (size_t i = 0; i + sizeof(char *) <= p->own.len; i += sizeof(char *)) {
        char *c;
        rt_memcpy(&c, p->own.p + i, sizeof c);
        rt_free(c);
    }
    rt_free(p->pcs);
    rt_free(p->locs);
    rt_free(p->funcs);
    rt_free(p->strs);
    rt_free(p->comments);
    itable_free(&p->pc_index);
    itable_free(&p->func_index);
    itable_free(&p->str_index);
    pbuf_free(&p->samples);
    pbuf_free(&p->scratch);
    pbuf_free(&p->scratch2);
    pbuf_free(&p->own);
    rt_free(p);
}

/* ---- symbols ---- */

/* Bounds of the crace_text section (the thread trampoline), set by the linker. */
extern const char __start_crace_text[] __attribute__((weak));
extern const char __stop_crace_text[] __attribute__((weak));

static int starts_with_crace(const char *s)
{
    return s && s[0] == 'c' && s[1] == 'r' && s[2] == 'a' && s[3] == 'c' && s[4] == 'e' &&
           s[5] == '_';
}

static int is_main(const char *s)
{
    return s && s[0] == 'm' && s[1] == 'a' && s[2] == 'i' && s[3] == 'n' && !s[4];
}

static struct pcinfo *symbolize(uintptr_t pc)
{
    struct pcinfo *info = rt_alloc(sizeof *info);
    info->pc = pc;
    if (pc > (uintptr_t)__start_crace_text && pc <= (uintptr_t)__stop_crace_text) {
        info->hidden = 1;
        return info;
    }
    struct sym_frame frames[INLINE_MAX];
    int n = sym_pc(pc - 1, frames, INLINE_MAX);
    for (int i = 0; i < n; i++) {
        if (starts_with_crace(frames[i].function))
            continue; /* crace.h's own calls, as in reports */
        info->frames[info->nframes++] = frames[i];
        if (is_main(frames[i].function))
            info->is_main = 1;
    }
    info->hidden = info->nframes == 0 && n > 0 && frames[0].function;
    if (!info->nframes && !info->hidden)
        info->frames[info->nframes++] = frames[0]; /* unknown: keep its address */
    return info;
}

static struct pcinfo *pc_info(struct pprof *p, uintptr_t pc)
{
    uint64_t key = pc ? pc : 1;
    int64_t idx = itable_get(&p->pc_index, key, 0, 0);
    if (idx >= 0)
        return p->pcs[idx];
    struct pcinfo *info = symbolize(pc);
    p->pcs = grow(p->pcs, &p->pcs_cap, p->npcs + 1, sizeof *p->pcs);
    p->pcs[p->npcs] = info;
    itable_put(&p->pc_index, key, p->npcs++);
    return info;
}

struct func_key {
    struct pprof *p;
    const char *name, *file;
};

static int same_func(void *ctx, uint32_t idx)
{
    struct func_key *k = ctx;
    return k->p->funcs[idx].name == k->name && k->p->funcs[idx].file == k->file;
}

/* Function ids by (name, file): the symbolizer interns both strings. */
static uint64_t func_id(struct pprof *p, const struct sym_frame *f)
{
    struct func_key k = {p, f->function, f->file};
    uint64_t h = hash_word((uintptr_t)f->function ^ hash_word((uintptr_t)f->file)) | 1;
    int64_t idx = itable_get(&p->func_index, h, same_func, &k);
    if (idx >= 0)
        return (uint64_t)idx + 1;
    p->funcs = grow(p->funcs, &p->funcs_cap, p->nfuncs + 1, sizeof *p->funcs);
    p->funcs[p->nfuncs] = (struct func){f->function, f->file};
    itable_put(&p->func_index, h, p->nfuncs);
    return ++p->nfuncs;
}

static uint64_t loc_id(struct pprof *p, struct pcinfo *info)
{
    if (info->loc_id)
        return info->loc_id;
    p->locs = grow(p->locs, &p->locs_cap, p->nlocs + 1, sizeof *p->locs);
    p->locs[p->nlocs] = info;
    info->loc_id = ++p->nlocs;
    for (int i = 0; i < info->nframes; i++)
        info->fn_id[i] = func_id(p, &info->frames[i]);
    return info->loc_id;
}

/* The visible frames of a stack: runtime code left out, up to main. */
static uint32_t visible(struct pprof *p, const uintptr_t *pcs, uint32_t n, struct pcinfo **out)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct pcinfo *info = pc_info(p, pcs[i]);
        if (info->hidden)
            continue;
        out[k++] = info;
        if (info->is_main)
            break;
    }
    return k;
}

#define STACK_MAX 256

void pprof_add(struct pprof *p, const uintptr_t *pcs, uint32_t n, const int64_t *values,
               const struct label_set *labels)
{
    struct pcinfo *frames[STACK_MAX];
    uint32_t k = visible(p, pcs, n < STACK_MAX ? n : STACK_MAX, frames);
    struct pbuf *s = &p->scratch, *packed = &p->scratch2;
    for (uint32_t i = 0; i < k; i++)
        pb_varint(packed, loc_id(p, frames[i]));
    pb_msg(s, SAMPLE_LOCATION_ID, packed);
    for (int i = 0; i < p->kind.nvalues; i++)
        pb_varint(packed, (uint64_t)values[i]);
    pb_msg(s, SAMPLE_VALUE, packed);
    uint32_t pos = 0;
    const char *key, *value;
    while (labels && labels_next(labels, &pos, &key, &value)) {
        pb_int(packed, LABEL_KEY, str_id_len(p, key, cstr_len(key), 1));
        pb_int(packed, LABEL_STR, str_id_len(p, value, cstr_len(value), 1));
        pb_msg(s, SAMPLE_LABEL, packed);
    }
    pb_msg(&p->samples, PROFILE_SAMPLE, s);
}

void pprof_comment(struct pprof *p, const char *text)
{
    p->comments = rt_realloc(p->comments, (p->ncomments + 1) * sizeof *p->comments);
    p->comments[p->ncomments++] = str_id_len(p, text, cstr_len(text), 1);
}

/* ---- mappings: the executable segments of /proc/self/maps ---- */

struct mapping {
    uint64_t start, limit, offset;
    char path[512];
};

static int parse_hex(const char **s, uint64_t *v)
{
    const char *p = *s;
    *v = 0;
    int digits = 0;
    for (;; p++, digits++) {
        char c = *p;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            break;
        *v = *v << 4 | (uint64_t)d;
    }
    *s = p;
    return digits > 0;
}

/* "start-end perms offset dev inode   path" of an executable mapping. */
static int parse_map_line(const char *line, struct mapping *m)
{
    const char *s = line;
    if (!parse_hex(&s, &m->start) || *s++ != '-' || !parse_hex(&s, &m->limit) || *s++ != ' ')
        return 0;
    if (s[0] == 0 || s[1] == 0 || s[2] != 'x')
        return 0;
    s += 4;
    while (*s == ' ')
        s++;
    if (!parse_hex(&s, &m->offset))
        return 0;
    for (int field = 0; field < 2; field++) { /* dev, inode */
        while (*s == ' ')
            s++;
        while (*s && *s != ' ')
            s++;
    }
    while (*s == ' ')
        s++;
    size_t n = 0;
    while (s[n] && n < sizeof m->path - 1)
        m->path[n] = s[n], n++;
    m->path[n] = 0;
    return 1;
}

/* Read with raw system calls: open/read/close are the program's interceptors. */
static size_t read_maps(struct mapping **out)
{
    struct pbuf text = {0};
    long fd = syscall(SYS_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char buf[4096];
        long r;
        while ((r = syscall(SYS_read, fd, buf, sizeof buf)) > 0)
            pbuf_put(&text, buf, (size_t)r);
        syscall(SYS_close, fd);
    }
    pbuf_put(&text, "", 1);
    size_t n = 0, cap = 0;
    *out = 0;
    for (char *line = (char *)text.p; *line;) {
        char *end = line;
        while (*end && *end != '\n')
            end++;
        int last = !*end;
        *end = 0;
        struct mapping m;
        if (parse_map_line(line, &m)) {
            if (n == cap) {
                cap = cap ? 2 * cap : 32;
                *out = rt_realloc(*out, cap * sizeof **out);
            }
            (*out)[n++] = m;
        }
        if (last)
            break;
        line = end + 1;
    }
    pbuf_free(&text);
    return n;
}

/* ---- the encoded profile ---- */

static void value_type(struct pprof *p, struct pbuf *out, unsigned field, const char *type,
                       const char *unit)
{
    struct pbuf *m = &p->scratch;
    pb_int(m, VALUETYPE_TYPE, str_id(p, type));
    pb_int(m, VALUETYPE_UNIT, str_id(p, unit));
    pb_msg(out, field, m);
}

static void encode_mappings(struct pprof *p, struct pbuf *out, struct mapping *maps, size_t n)
{
    struct pbuf *m = &p->scratch;
    for (size_t i = 0; i < n; i++) {
        pb_int(m, MAPPING_ID, i + 1);
        pb_int(m, MAPPING_MEMORY_START, maps[i].start);
        pb_int(m, MAPPING_MEMORY_LIMIT, maps[i].limit);
        pb_int(m, MAPPING_FILE_OFFSET, maps[i].offset);
        pb_int(m, MAPPING_FILENAME, str_id_len(p, maps[i].path, cstr_len(maps[i].path), 1));
        pb_int(m, MAPPING_HAS_FUNCTIONS, 1);
        pb_int(m, MAPPING_HAS_FILENAMES, 1);
        pb_int(m, MAPPING_HAS_LINE_NUMBERS, 1);
        pb_int(m, MAPPING_HAS_INLINE_FRAMES, 1);
        pb_msg(out, PROFILE_MAPPING, m);
    }
}

static uint64_t mapping_of(const struct mapping *maps, size_t n, uintptr_t addr)
{
    for (size_t i = 0; i < n; i++)
        if (addr >= maps[i].start && addr < maps[i].limit)
            return i + 1;
    return 0;
}

static void encode_locations(struct pprof *p, struct pbuf *out, const struct mapping *maps,
                             size_t nmaps)
{
    struct pbuf *m = &p->scratch, *line = &p->scratch2;
    for (uint32_t i = 0; i < p->nlocs; i++) {
        const struct pcinfo *info = p->locs[i];
        uintptr_t addr = info->pc ? info->pc - 1 : 0; /* inside the call instruction */
        pb_int(m, LOCATION_ID, info->loc_id);
        pb_int(m, LOCATION_MAPPING_ID, mapping_of(maps, nmaps, addr));
        pb_int(m, LOCATION_ADDRESS, addr);
        for (int f = 0; f < info->nframes; f++) {
            if (!info->frames[f].function)
                continue; /* unknown: the address alone */
            pb_int(line, LINE_FUNCTION_ID, info->fn_id[f]);
            pb_int(line, LINE_LINE, (uint64_t)(info->frames[f].file ? info->frames[f].line : 0));
            pb_msg(m, LOCATION_LINE, line);
        }
        pb_msg(out, PROFILE_LOCATION, m);
    }
}

static void encode_functions(struct pprof *p, struct pbuf *out)
{
    struct pbuf *m = &p->scratch;
    for (uint32_t i = 0; i < p->nfuncs; i++) {
        uint64_t name = str_id(p, p->funcs[i].name);
        pb_int(m, FUNCTION_ID, i + 1);
        pb_int(m, FUNCTION_NAME, name);
        pb_int(m, FUNCTION_SYSTEM_NAME, name);
        pb_int(m, FUNCTION_FILENAME, str_id(p, p->funcs[i].file));
        pb_msg(out, PROFILE_FUNCTION, m);
    }
}

void pprof_gzip_proto(struct pprof *p, struct pbuf *out, int64_t time_nanos, int64_t duration_nanos)
{
    struct pbuf msg = {0};
    for (int i = 0; i < p->kind.nvalues; i++)
        value_type(p, &msg, PROFILE_SAMPLE_TYPE, p->kind.type[i], p->kind.unit[i]);
    pbuf_put(&msg, p->samples.p, p->samples.len);
    struct mapping *maps;
    size_t nmaps = read_maps(&maps);
    encode_mappings(p, &msg, maps, nmaps);
    encode_locations(p, &msg, maps, nmaps);
    rt_free(maps);
    encode_functions(p, &msg);
    pb_int(&msg, PROFILE_TIME_NANOS, (uint64_t)time_nanos);
    pb_int(&msg, PROFILE_DURATION_NANOS, (uint64_t)duration_nanos);
    value_type(p, &msg, PROFILE_PERIOD_TYPE, p->kind.period_type, p->kind.period_unit);
    pb_int(&msg, PROFILE_PERIOD, (uint64_t)p->kind.period);
    for (uint32_t i = 0; i < p->ncomments; i++)
        pb_int(&msg, PROFILE_COMMENT, p->comments[i]);
    /* Last: every string above is in the table now. */
    for (uint32_t i = 0; i < p->nstrs; i++)
        pb_bytes(&msg, PROFILE_STRING_TABLE, p->strs[i].s, p->strs[i].len);
    pprof_gzip(out, msg.p, msg.len);
    pbuf_free(&msg);
}

/* ---- text forms ---- */

static const char *or_unknown(const char *s)
{
    return s ? s : "?\?";
}

void pprof_text_stack(struct pprof *p, struct pbuf *out, const uintptr_t *pcs, uint32_t n,
                      int style)
{
    struct pcinfo *frames[STACK_MAX];
    uint32_t k = visible(p, pcs, n < STACK_MAX ? n : STACK_MAX, frames);
    for (uint32_t i = 0; i < k; i++) {
        const struct pcinfo *info = frames[i];
        for (int f = 0; f < info->nframes; f++) {
            const struct sym_frame *fr = &info->frames[f];
            unsigned long off = fr->func_start ? (unsigned long)(info->pc - fr->func_start) : 0;
            if (style == PPROF_TEXT_COUNT)
                pbuf_printf(out, "#\t%#lx\t%s+%#lx\t%s:%d\n", (unsigned long)info->pc,
                            or_unknown(fr->function), off, or_unknown(fr->file), fr->line);
            else
                pbuf_printf(out, "%s()\n\t%s:%d +%#lx\n", or_unknown(fr->function),
                            or_unknown(fr->file), fr->line, off);
        }
    }
}

void pprof_text_pcs(struct pprof *p, struct pbuf *out, const uintptr_t *pcs, uint32_t n)
{
    struct pcinfo *frames[STACK_MAX];
    uint32_t k = visible(p, pcs, n < STACK_MAX ? n : STACK_MAX, frames);
    for (uint32_t i = 0; i < k; i++)
        pbuf_printf(out, " %#lx", (unsigned long)frames[i]->pc);
}

/* ---- gzip ---- */

uint32_t pprof_crc32(const uint8_t *data, size_t n)
{
    static uint32_t table[256];
    static int ready;
    if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[i] = c; /* the same values from any thread */
        }
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    }
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ data[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static void put_le32(struct pbuf *out, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    pbuf_put(out, b, 4);
}

/*
 * RFC 1952 member: header (no name, no mtime), RFC 1951 stored blocks of
 * at most 65535 bytes (a byte with BFINAL and BTYPE 00, LEN, NLEN, the
 * bytes), then CRC-32 and size.
 */
void pprof_gzip(struct pbuf *out, const uint8_t *data, size_t n)
{
    static const uint8_t header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 /* Unix */};
    pbuf_put(out, header, sizeof header);
    size_t done = 0;
    do {
        size_t len = n - done > 65535 ? 65535 : n - done;
        uint8_t block[5] = {(uint8_t)(done + len == n), (uint8_t)len, (uint8_t)(len >> 8),
                            (uint8_t)~len, (uint8_t)(~len >> 8)};
        pbuf_put(out, block, sizeof block);
        pbuf_put(out, data + done, len);
        done += len;
    } while (done < n);
    put_le32(out, pprof_crc32(data, n));
    put_le32(out, (uint32_t)n);
}
