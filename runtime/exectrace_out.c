/*
 * exectrace_out.c - the execution trace's file: per-thread buffers, JSON
 * formatting, the size bound and the end of the file (exectrace_out.h).
 *
 * Locking: file_lock guards the descriptor, the byte count and the end of
 * recording; it is taken for each flush (a buffer of records at a time) and
 * for each direct record, never while anything else is held but the report
 * lock (a report's instant event). Writing a buffer costs one lock and one
 * write system call per XO buffer, not per event.
 */
#include "exectrace_out.h"
#include "rt.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TAIL_RESERVE 512 /* bytes kept for the last instant and "]" */
#define PATH_MAX_LEN 4096

int xo_stopped;

static rt_lock file_lock;
static int fd = -1;             /* file_lock */
static uint64_t written;        /* bytes in the file; file_lock */
static uint64_t limit;          /* the size bound; set once */
static int pid;                 /* the process the file belongs to */
static uint64_t t0;             /* CLOCK_MONOTONIC at the start, ns */
static const char *path_tmpl;   /* trace_path as given */
static char path[PATH_MAX_LEN]; /* the file being written */

int xo_pid(void)
{
    return pid;
}

uint64_t xo_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec - t0;
}

static void stop(void)
{
    __atomic_store_n(&xo_stopped, 1, __ATOMIC_RELAXED);
}

/* ---- formatting into a record ---- */

static void put(struct xo_rec *r, const char *s, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return;
    }
    rt_memcpy(r->p, s, n);
    r->p += n;
}

static void put_s(struct xo_rec *r, const char *s)
{
    put(r, s, strlen(s));
}

static void put_u(struct xo_rec *r, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(r, tmp + sizeof tmp - n, (size_t)n);
}

/* Nanoseconds as microseconds with three decimals: the format's unit. */
static void put_us(struct xo_rec *r, uint64_t ns)
{
    char frac[4] = {'.', (char)('0' + ns / 100 % 10), (char)('0' + ns / 10 % 10),
                    (char)('0' + ns % 10)};
    put_u(r, ns / 1000);
    put(r, frac, 4);
}

static void put_hex(struct xo_rec *r, uintptr_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    put_s(r, "\"0x");
    put(r, tmp + sizeof tmp - n, (size_t)n);
    put_s(r, "\"");
}

/* Length of the valid UTF-8 sequence at s (2..4; s[0] >= 0x80), or 0 if it
 * is not one: no overlong forms, no surrogates (U+D800..DFFF), nothing past
 * U+10FFFF, which strict decoders refuse. The second byte's range depends on
 * the first (RFC 3629); a NUL ends the check. */
static int utf8_len(const unsigned char *s)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xbf;
    int n = c >= 0xf0 && c <= 0xf4   ? 4
            : c >= 0xe0 && c <= 0xef ? 3
            : c >= 0xc2 && c <= 0xdf ? 2
                                     : 0;
    if (c == 0xe0)
        lo = 0xa0; /* overlong below U+0800 */
    else if (c == 0xed)
        hi = 0x9f; /* surrogates */
    else if (c == 0xf0)
        lo = 0x90; /* overlong below U+10000 */
    else if (c == 0xf4)
        hi = 0x8f; /* past U+10FFFF */
    if (n && (s[1] < lo || s[1] > hi))
        return 0;
    for (int i = 2; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

/* A JSON string: quotes, backslashes and control characters escaped, bytes
 * that are not UTF-8 replaced (U+FFFD); at most 512 bytes of s. */
static void put_q(struct xo_rec *r, const char *s)
{
    put_s(r, "\"");
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    for (int i = 0; u[i] && i < 512;) {
        unsigned char c = u[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(r, e, 2);
            i++;
        } else if (c < 0x20) {
            char e[6] = {
                '\\', 'u', '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
            put(r, e, 6);
            i++;
        } else if (c < 0x80) {
            put(r, (const char *)&u[i], 1);
            i++;
        } else {
            int n = utf8_len(&u[i]);
            if (n)
                put(r, (const char *)&u[i], (size_t)n);
            else
                put_s(r, "\\ufffd");
            i += n ? n : 1;
        }
    }
    put_s(r, "\"");
}

void xo_ev(struct xo_rec *r, char ph, const char *cat, const char *name, uint32_t tid, uint64_t ts)
{
    char head[8] = {'{', '"', 'p', 'h', '"', ':', '"', ph};
    if (r->nevents++)
        put_s(r, ",");
    put(r, head, sizeof head);
    put_s(r, "\",\"cat\":");
    put_q(r, cat);
    put_s(r, ",\"name\":");
    put_q(r, name);
    put_s(r, ",\"pid\":");
    put_u(r, (uint64_t)pid);
    put_s(r, ",\"tid\":");
    put_u(r, tid);
    put_s(r, ",\"ts\":");
    put_us(r, ts);
    r->nargs = -1;
}

void xo_ev_dur(struct xo_rec *r, uint64_t dur)
{
    put_s(r, ",\"dur\":");
    put_us(r, dur);
}

void xo_ev_raw(struct xo_rec *r, const char *json)
{
    put_s(r, json);
}

void xo_ev_id(struct xo_rec *r, uint64_t id)
{
    put_s(r, ",\"id\":");
    put_u(r, id);
}

void xo_args(struct xo_rec *r)
{
    put_s(r, ",\"args\":{");
    r->nargs = 0;
}

static void arg_key(struct xo_rec *r, const char *key)
{
    if (r->nargs++ > 0)
        put_s(r, ",");
    put_q(r, key);
    put_s(r, ":");
}

void xo_arg_str(struct xo_rec *r, const char *key, const char *val)
{
    arg_key(r, key);
    put_q(r, val);
}

void xo_arg_hex(struct xo_rec *r, const char *key, uintptr_t val)
{
    arg_key(r, key);
    put_hex(r, val);
}

void xo_arg_u64(struct xo_rec *r, const char *key, uint64_t val)
{
    arg_key(r, key);
    put_u(r, val);
}

void xo_arg_bool(struct xo_rec *r, const char *key, int val)
{
    arg_key(r, key);
    put_s(r, val ? "true" : "false");
}

void xo_arg_strs(struct xo_rec *r, const char *key, const char *const *vals, unsigned n)
{
    arg_key(r, key);
    put_s(r, "[");
    for (unsigned i = 0; i < n; i++) {
        if (i)
            put_s(r, ",");
        put_q(r, vals[i]);
    }
    put_s(r, "]");
}

void xo_arg_pairs(struct xo_rec *r, const char *key, const char *const *kv, unsigned n)
{
    arg_key(r, key);
    put_s(r, "{");
    for (unsigned i = 0; i < n; i++) {
        if (i)
            put_s(r, ",");
        put_q(r, kv[2 * i]);
        put_s(r, ":");
        put_q(r, kv[2 * i + 1]);
    }
    put_s(r, "}");
}

void xo_args_end(struct xo_rec *r)
{
    put_s(r, "}");
    r->nargs = -1;
}

void xo_ev_end(struct xo_rec *r)
{
    put_s(r, "}");
}

void xo_meta_str(struct xo_rec *r, uint32_t tid, const char *what, const char *key, const char *val)
{
    xo_ev(r, 'M', "__metadata", what, tid, 0);
    xo_args(r);
    xo_arg_str(r, key, val);
    xo_args_end(r);
    xo_ev_end(r);
}

void xo_meta_u64(struct xo_rec *r, uint32_t tid, const char *what, const char *key, uint64_t val)
{
    xo_ev(r, 'M', "__metadata", what, tid, 0);
    xo_args(r);
    xo_arg_u64(r, key, val);
    xo_args_end(r);
    xo_ev_end(r);
}

/* ---- the file ---- */

static int write_failed(void)
{
    rt_printf(2, "crace: cannot write the trace file %s (%s): tracing stopped\n", path,
              strerror(errno));
    syscall(SYS_close, fd);
    fd = -1;
    stop();
    return -1;
}

/* n bytes at offset off, or -1. file_lock held. */
static int write_at(const char *buf, size_t n, uint64_t off)
{
    while (n > 0) {
        long w = syscall(SYS_pwrite64, fd, buf, n, (long)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        buf += w;
        n -= (size_t)w;
        off += (uint64_t)w;
    }
    return 0;
}

/*
 * Append buf (whole records), then the closing "]" after it: the file is
 * valid JSON after every write, so a process that crashes or leaves by
 * _exit leaves a trace that loads (without what its buffers still held).
 * The next write goes over that "]". Returns 0, or -1 (recording stopped).
 * file_lock held.
 */
static int write_all(const char *buf, size_t n)
{
    static const char tail[] = "\n]\n";
    if (write_at(buf, n, written) != 0 || write_at(tail, sizeof tail - 1, written + n) != 0)
        return write_failed();
    written += n;
    return 0;
}

/* The file's last words: an optional instant event and "]". file_lock held. */
static void end_file(const char *name, const char *reason)
{
    char tmp[TAIL_RESERVE];
    struct xo_rec r = {.start = tmp, .p = tmp, .end = tmp + sizeof tmp};
    put_s(&r, ",\n");
    xo_ev(&r, 'i', "trace", name, (uint32_t)pid, xo_clock());
    xo_ev_raw(&r, ",\"s\":\"g\"");
    xo_args(&r);
    if (reason) {
        xo_arg_str(&r, "reason", reason);
        xo_arg_u64(&r, "trace_max_mb", limit >> 20);
    }
    xo_args_end(&r);
    xo_ev_end(&r);
    if (!r.bad && write_all(tmp, (size_t)(r.p - tmp)) != 0)
        return;
    syscall(SYS_close, fd);
    fd = -1;
    stop();
}

/* Where the last whole record of data[0..n) that fits in room ends. */
static size_t fitting_records(const char *data, size_t n, size_t room)
{
    if (n <= room)
        return n;
    size_t end = 0;
    for (size_t i = 1; i + 1 < n && i <= room; i++)
        if (data[i] == ',' && data[i + 1] == '\n')
            end = i;
    return end;
}

/* Whole records to the file, up to the bound; at the bound, the cut. */
static void write_records_locked(const char *data, size_t n)
{
    if (fd < 0 || __atomic_load_n(&xo_stopped, __ATOMIC_RELAXED) || n == 0)
        return;
    uint64_t room = limit > written + TAIL_RESERVE ? limit - written - TAIL_RESERVE : 0;
    size_t fit = fitting_records(data, n, room);
    if (fit && write_all(data, fit) != 0)
        return;
    if (fit < n) {
        rt_printf(2, "crace: the trace %s reached trace_max_mb=%llu: recording stopped\n", path,
                  (unsigned long long)(limit >> 20));
        end_file("trace cut", "trace_max_mb reached");
    }
}

/* path_tmpl with "%p" replaced by the pid, or with ".PID" added (a forked
 * child without "%p"). */
static int make_path(int add_pid)
{
    size_t n = 0;
    int had_p = 0;
    char num[16];
    int nlen = 0;
    for (int v = pid; v || !nlen; v /= 10)
        num[nlen++] = (char)('0' + v % 10);
    for (const char *s = path_tmpl; *s && n + 16 < sizeof path; s++) {
        if (s[0] == '%' && s[1] == 'p') {
            for (int i = nlen; i > 0; i--)
                path[n++] = num[i - 1];
            s++;
            had_p = 1;
        } else {
            path[n++] = *s;
        }
    }
    if (add_pid && !had_p) {
        path[n++] = '.';
        for (int i = nlen; i > 0; i--)
            path[n++] = num[i - 1];
    }
    path[n] = 0;
    return n + 16 < sizeof path ? 0 : -1;
}

static void write_head(const char *process_name)
{
    char tmp[1024];
    struct xo_rec r = {.start = tmp, .p = tmp, .end = tmp + sizeof tmp};
    put_s(&r, "[\n");
    xo_meta_str(&r, (uint32_t)pid, "process_name", "name", process_name);
    write_all(tmp, (size_t)(r.p - tmp));
}

static int open_file(int add_pid, const char *process_name)
{
    if (make_path(add_pid) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    long r = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (r < 0)
        return -1;
    fd = (int)r;
    written = 0;
    write_head(process_name);
    return 0;
}

int xo_open(const char *tmpl, uint64_t max_bytes, const char *process_name)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    t0 = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    pid = (int)syscall(SYS_getpid);
    path_tmpl = tmpl;
    limit = max_bytes;
    return open_file(0, process_name);
}

void xo_fork_prepare(void)
{
    rt_lock_acquire(&file_lock);
}

void xo_fork_parent(void)
{
    rt_lock_release(&file_lock);
}

void xo_after_fork(const char *process_name)
{
    if (fd >= 0)
        syscall(SYS_close, fd);
    fd = -1;
    pid = (int)syscall(SYS_getpid);
    __atomic_store_n(&xo_stopped, 0, __ATOMIC_RELAXED);
    if (open_file(1, process_name) != 0) {
        rt_printf(2, "crace: cannot open the trace file %s (%s): no trace for process %d\n", path,
                  strerror(errno), pid);
        stop();
    }
    rt_lock_release(&file_lock);
}

/* ---- buffers and records ---- */

void xo_buf_init(struct xo_buf *b, uint32_t cap)
{
    b->data = rt_alloc(cap);
    b->cap = cap;
    b->len = b->done = 0;
}

void xo_buf_free(struct xo_buf *b)
{
    rt_free(b->data);
    b->data = 0;
}

void xo_flush(struct xo_buf *b)
{
    rt_lock_acquire(&file_lock);
    if (pid == (int)syscall(SYS_getpid)) /* else a child forked by a raw system call */
        write_records_locked(b->data + b->done, b->len - b->done);
    b->len = b->done = 0;
    rt_lock_release(&file_lock);
}

void xo_flush_locked(struct xo_buf *b)
{
    uint32_t len = __atomic_load_n(&b->len, __ATOMIC_ACQUIRE);
    if (len > b->done)
        write_records_locked(b->data + b->done, len - b->done);
    b->done = len;
}

static void rec_start(struct xo_rec *r, struct xo_buf *b, char *at)
{
    r->buf = b;
    r->start = r->p = at;
    r->end = at + XO_REC_MAX;
    r->bad = 0;
    r->nevents = 0;
    r->nargs = -1;
    put_s(r, ",\n");
}

void xo_rec_begin(struct xo_rec *r, struct xo_buf *b)
{
    rt_signals_defer();
    if (b->cap - b->len < XO_REC_MAX)
        xo_flush(b);
    rec_start(r, b, b->data + b->len);
}

void xo_rec_end(struct xo_rec *r)
{
    struct xo_buf *b = r->buf;
    if (!r->bad)
        __atomic_store_n(&b->len, (uint32_t)(r->p - b->data), __ATOMIC_RELEASE);
    rt_signals_undefer();
}

void xo_rec_begin_direct(struct xo_rec *r, struct xo_buf *scratch)
{
    rt_signals_defer();
    rec_start(r, scratch, scratch->data);
    if (scratch->cap < XO_REC_MAX)
        r->end = scratch->data + scratch->cap;
}

void xo_rec_end_locked(struct xo_rec *r)
{
    if (!r->bad)
        write_records_locked(r->start, (size_t)(r->p - r->start));
    rt_signals_undefer();
}

void xo_rec_end_direct(struct xo_rec *r)
{
    rt_lock_acquire(&file_lock);
    if (pid == (int)syscall(SYS_getpid))
        xo_rec_end_locked(r);
    else
        rt_signals_undefer();
    rt_lock_release(&file_lock);
}

int xo_close_begin(void)
{
    rt_lock_acquire(&file_lock);
    if (fd >= 0 && !__atomic_load_n(&xo_stopped, __ATOMIC_RELAXED) &&
        pid == (int)syscall(SYS_getpid))
        return 0;
    rt_lock_release(&file_lock);
    return -1;
}

void xo_close_end(void)
{
    if (fd >= 0)
        end_file("trace end", 0);
    stop();
    rt_lock_release(&file_lock);
}
