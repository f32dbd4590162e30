/* tokenize: a loader thread fills a 32 MiB text buffer (JSON-like records: keys, strings
 * with escapes, numbers, punctuation) chunk by chunk and publishes each chunk under a mutex;
 * the parser threads claim chunks from a shared counter and tokenize them with a character
 * class table: identifiers are hashed and interned in the thread's own symbol table (byte
 * compares against the text), numbers are converted, strings unescaped into a private buffer.
 * Several passes over the whole buffer. Measures byte reads of a large buffer written by one
 * thread and read by several. Per-chunk results make the checksum independent of the thread
 * count. usage: tokenize [scale=1] [threads=2] */
#include "bench.h"

#define CHUNK (64 * 1024)
#define NCHUNKS 512 /* 32 MiB */
#define BASE_PASSES 5
#define SYMS (1 << 14)

static unsigned char *text;
static long npasses;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loaded_cv = PTHREAD_COND_INITIALIZER;
static long loaded;   /* chunks published; lock */
static long next_job; /* next (pass, chunk) to claim; lock */
static uint64_t *results;

enum { C_OTHER, C_SPACE, C_ALPHA, C_DIGIT, C_QUOTE, C_PUNCT };
static const unsigned char cls[256] = {
    [' '] = C_SPACE, ['\n'] = C_SPACE, ['\t'] = C_SPACE, ['"'] = C_QUOTE, ['{'] = C_PUNCT,
    ['}'] = C_PUNCT, ['['] = C_PUNCT,  [']'] = C_PUNCT,  [':'] = C_PUNCT, [','] = C_PUNCT,
    ['_'] = C_ALPHA, ['-'] = C_DIGIT,  ['0'] = C_DIGIT,  ['1'] = C_DIGIT, ['2'] = C_DIGIT,
    ['3'] = C_DIGIT, ['4'] = C_DIGIT,  ['5'] = C_DIGIT,  ['6'] = C_DIGIT, ['7'] = C_DIGIT,
    ['8'] = C_DIGIT, ['9'] = C_DIGIT,  ['a'] = C_ALPHA,  ['b'] = C_ALPHA, ['c'] = C_ALPHA,
    ['d'] = C_ALPHA, ['e'] = C_ALPHA,  ['f'] = C_ALPHA,  ['g'] = C_ALPHA, ['h'] = C_ALPHA,
    ['i'] = C_ALPHA, ['j'] = C_ALPHA,  ['k'] = C_ALPHA,  ['l'] = C_ALPHA, ['m'] = C_ALPHA,
    ['n'] = C_ALPHA, ['o'] = C_ALPHA,  ['p'] = C_ALPHA,  ['q'] = C_ALPHA, ['r'] = C_ALPHA,
    ['s'] = C_ALPHA, ['t'] = C_ALPHA,  ['u'] = C_ALPHA,  ['v'] = C_ALPHA, ['w'] = C_ALPHA,
    ['x'] = C_ALPHA, ['y'] = C_ALPHA,  ['z'] = C_ALPHA,  ['A'] = C_ALPHA, ['B'] = C_ALPHA,
    ['C'] = C_ALPHA, ['D'] = C_ALPHA,  ['E'] = C_ALPHA,  ['F'] = C_ALPHA, ['G'] = C_ALPHA,
    ['H'] = C_ALPHA, ['I'] = C_ALPHA,  ['J'] = C_ALPHA,  ['K'] = C_ALPHA, ['L'] = C_ALPHA,
    ['M'] = C_ALPHA, ['N'] = C_ALPHA,  ['O'] = C_ALPHA,  ['P'] = C_ALPHA, ['Q'] = C_ALPHA,
    ['R'] = C_ALPHA, ['S'] = C_ALPHA,  ['T'] = C_ALPHA,  ['U'] = C_ALPHA, ['V'] = C_ALPHA,
    ['W'] = C_ALPHA, ['X'] = C_ALPHA,  ['Y'] = C_ALPHA,  ['Z'] = C_ALPHA, ['.'] = C_DIGIT,
};

static const char *const keys[] = {"id",    "name",  "email", "created_at", "tags",
                                   "score", "owner", "items", "price",      "active"};

/* Append s to the chunk at *n (bounded by lim). */
static void put(unsigned char *c, size_t *n, size_t lim, const char *s)
{
    while (*s && *n < lim)
        c[(*n)++] = (unsigned char)*s++;
}

/* Identifier w of a vocabulary of IDENTS: 3..10 letters and digits, a letter first. */
#define IDENTS 12000
static void put_ident(unsigned char *c, size_t *n, size_t lim, uint64_t w)
{
    uint64_t h = bench_mix(w);
    int len = 3 + (int)(h % 8);
    for (int i = 0; i < len && *n < lim; i++) {
        h = bench_mix(h + (uint64_t)i);
        c[(*n)++] = (unsigned char)(i && h % 5 == 0 ? '0' + h % 10 : 'a' + h % 26);
    }
}

/* Chunk k: records until the chunk is full, the rest spaces, a newline last. */
static void gen_chunk(unsigned char *c, long k)
{
    uint64_t s = bench_mix((uint64_t)k + 99);
    size_t n = 0, lim = CHUNK - 1;
    char num[32];
    while (n + 600 < lim) {
        put(c, &n, lim, "{");
        int fields = 3 + (int)(bench_xorshift(&s) % 6);
        for (int f = 0; f < fields; f++) {
            uint64_t r = bench_xorshift(&s);
            put(c, &n, lim, f ? ", \"" : "\"");
            put(c, &n, lim, keys[r % 10]);
            put(c, &n, lim, "\": ");
            switch ((r >> 8) % 3) {
            case 0:
                snprintf(num, sizeof num, "%lld", (long long)(r >> 20) % 2000000 - 1000000);
                put(c, &n, lim, num);
                break;
            case 1:
                put(c, &n, lim, "\"");
                for (int w = 0; w < 1 + (int)((r >> 12) % 4); w++) {
                    uint64_t q = bench_xorshift(&s);
                    for (int i = 0; i < 3 + (int)(q % 8) && n < lim; i++)
                        c[n++] = (unsigned char)('a' + (q >> (8 + 2 * i)) % 26);
                    put(c, &n, lim, (q >> 60) == 0 ? "\\n" : (q >> 60) == 1 ? "\\\"" : " ");
                }
                put(c, &n, lim, "\"");
                break;
            default:
                put(c, &n, lim, "[");
                for (int w = 0; w < 1 + (int)((r >> 12) % 5); w++) {
                    put(c, &n, lim, w ? ", " : "");
                    put_ident(c, &n, lim, (bench_xorshift(&s) >> 20) % IDENTS);
                }
                put(c, &n, lim, "]");
                break;
            }
        }
        put(c, &n, lim, "}\n");
    }
    while (n < lim)
        c[n++] = ' ';
    c[n] = '\n';
}

struct symtab {
    const unsigned char *key[SYMS]; /* into the text */
    unsigned len[SYMS];
    uint32_t count[SYMS];
    unsigned used;
};

static uint32_t intern(struct symtab *t, const unsigned char *p, unsigned len, uint64_t h)
{
    for (unsigned i = (unsigned)h & (SYMS - 1);; i = (i + 1) & (SYMS - 1)) {
        if (!t->key[i]) {
            if (t->used >= SYMS / 2) /* full enough: forget everything, as a cache would */
                memset(t, 0, sizeof *t);
            t->key[i] = p;
            t->len[i] = len;
            t->used++;
            return ++t->count[i];
        }
        if (t->len[i] == len) {
            unsigned k = 0;
            while (k < len && t->key[i][k] == p[k])
                k++;
            if (k == len)
                return ++t->count[i];
        }
    }
}

/* Tokenize one chunk: a digest of its tokens. */
static uint64_t parse_chunk(const unsigned char *c, struct symtab *st, unsigned char *strbuf)
{
    uint64_t digest = 0, ntok = 0;
    long i = 0;
    while (i < CHUNK) {
        unsigned char ch = c[i];
        switch (cls[ch]) {
        case C_SPACE:
            i++;
            break;
        case C_ALPHA: {
            long j = i;
            uint64_t h = 1469598103934665603ull;
            while (j < CHUNK && (cls[c[j]] == C_ALPHA || (cls[c[j]] == C_DIGIT && c[j] != '-'))) {
                h = (h ^ c[j]) * 1099511628211ull;
                j++;
            }
            intern(st, c + i, (unsigned)(j - i), h);
            digest += h;
            i = j;
            break;
        }
        case C_DIGIT: {
            long v = 0, sign = 1, j = i;
            if (c[j] == '-') {
                sign = -1;
                j++;
            }
            while (j < CHUNK && c[j] >= '0' && c[j] <= '9')
                v = v * 10 + (c[j++] - '0');
            digest = digest * 31 + (uint64_t)(v * sign);
            i = j > i ? j : i + 1;
            break;
        }
        case C_QUOTE: {
            long j = i + 1;
            size_t n = 0;
            while (j < CHUNK && c[j] != '"') {
                if (c[j] == '\\' && j + 1 < CHUNK) {
                    strbuf[n++] = c[j + 1] == 'n' ? '\n' : c[j + 1];
                    j += 2;
                } else {
                    strbuf[n++] = c[j++];
                }
            }
            uint64_t h = n;
            for (size_t k = 0; k < n; k++)
                h = h * 131 + strbuf[k];
            digest ^= bench_mix(h);
            i = j + 1;
            break;
        }
        default:
            digest = digest * 7 + ch;
            i++;
            break;
        }
        ntok++;
    }
    return bench_mix(digest ^ (ntok << 40));
}

static void *loader(void *unused)
{
    (void)unused;
    for (long k = 0; k < NCHUNKS; k++) {
        gen_chunk(text + k * CHUNK, k);
        pthread_mutex_lock(&lock);
        loaded = k + 1;
        pthread_cond_broadcast(&loaded_cv);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *parser(void *unused)
{
    (void)unused;
    struct symtab *st = calloc(1, sizeof *st);
    unsigned char *strbuf = malloc(CHUNK);
    if (!st || !strbuf)
        abort();
    for (;;) {
        pthread_mutex_lock(&lock);
        long job = next_job < npasses * NCHUNKS ? next_job++ : -1;
        while (job >= 0 && loaded <= job % NCHUNKS)
            pthread_cond_wait(&loaded_cv, &lock);
        pthread_mutex_unlock(&lock);
        if (job < 0)
            break;
        results[job] = parse_chunk(text + (job % NCHUNKS) * CHUNK, st, strbuf);
    }
    free(strbuf);
    free(st);
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int nt = bench_threads(argc, argv, 2);
    npasses = bench_work(scale, BASE_PASSES);
    text = malloc((size_t)NCHUNKS * CHUNK);
    results = calloc((size_t)(npasses * NCHUNKS), sizeof *results);
    if (!text || !results)
        abort();
    pthread_t ld, th[256];
    BENCH_CHECK(pthread_create(&ld, NULL, loader, NULL));
    for (int t = 0; t < nt; t++)
        BENCH_CHECK(pthread_create(&th[t], NULL, parser, NULL));
    BENCH_CHECK(pthread_join(ld, NULL));
    for (int t = 0; t < nt; t++)
        BENCH_CHECK(pthread_join(th[t], NULL));
    /* self-check: every pass saw the same text, so each chunk's digest is the same in every
     * pass, whichever thread parsed it */
    uint64_t c = 0;
    for (long j = 0; j < npasses * NCHUNKS; j++) {
        if (results[j] != results[j % NCHUNKS]) {
            fprintf(stderr, "tokenize: chunk %ld parsed differently in pass %ld\n", j % NCHUNKS,
                    j / NCHUNKS);
            return 1;
        }
        c = bench_mix(c ^ results[j] ^ (uint64_t)j);
    }
    bench_checksum(c);
    free(results);
    free(text);
    return 0;
}
