/*
 * proclog.c - the per-process log file of log_path=PREFIX (PREFIX.PID) and,
 * with report_format=json, its first line: who the process is.
 *
 *   {"type":"process","format":1,"pid":N,"ppid":N,"cmdline":["./t","-x"],
 *    "cwd":"/build/tests","ancestors":[{"pid":N,"cmdline":[...]}, ...]}
 *
 * A tool that reads the logs of a whole test suite from one directory
 * (tools/crace-test) needs it: the pid alone says nothing once the process
 * is gone, the working directory resolves the relative file names of its
 * reports, and the ancestors (parent first, those below the process
 * log_root_pid names: crace-test) map a process to the test that started
 * it, even through wrapper scripts or fork. The file is opened on the first report, so a process
 * without reports costs nothing and leaves no file.
 *
 * Only system calls and local helpers here, no libc name that crace
 * intercepts (strlen, snprintf, ...): the log may be opened at exit by
 * report_summary outside runtime mode, where those would check the
 * runtime's own buffers as program memory.
 */
#include "proclog.h"
#include "options.h"
#include "rt.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_ANCESTORS 16
#define CMDLINE_MAX (32u << 10)

static int log_fd = -1;
static int log_pid; /* the process log_fd belongs to (0: not opened yet) */

/* A growing text buffer for the header line. */
struct hbuf {
    char *p;
    size_t len, cap;
};

static void put(struct hbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = rt_realloc(b->p, b->cap);
    }
    rt_memcpy(b->p + b->len, s, n);
    b->len += n;
}

static size_t length(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

static void puts_(struct hbuf *b, const char *s)
{
    put(b, s, length(s, (size_t)-1));
}

/* Decimal digits of v (>= 0, or -1 for "unknown") at the end of num[24]. */
static const char *decimal(long v, char num[24])
{
    char *p = num + 23;
    *p = 0;
    unsigned long u = v < 0 ? (unsigned long)-v : (unsigned long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    return p;
}

static void put_int(struct hbuf *b, long v)
{
    char num[24];
    puts_(b, decimal(v, num));
}

/* "/proc/PID/NAME" into path[64] (NAME is short). */
static const char *proc_path(char path[64], long pid, const char *name)
{
    char num[24];
    const char *parts[4] = {"/proc/", decimal(pid, num), "/", name};
    size_t len = 0;
    for (int i = 0; i < 4; i++)
        for (const char *s = parts[i]; *s && len < 63; s++)
            path[len++] = *s;
    path[len] = 0;
    return path;
}

/* A JSON string of n bytes: quotes, backslashes and control bytes escaped,
 * other bytes as they are (a reader decodes them leniently). */
static void put_json(struct hbuf *b, const char *s, size_t n)
{
    put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put(b, esc, 2);
        } else if (c < 0x20) {
            char esc[6] = {
                '\\', 'u', '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
            put(b, esc, 6);
        } else {
            put(b, (const char *)&c, 1);
        }
    }
    put(b, "\"", 1);
}

/* Read up to max bytes of a /proc file into buf; returns the length or -1. */
static long read_file(const char *path, char *buf, size_t max)
{
    long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t len = 0;
    while (len < max) {
        long r = syscall(SYS_read, (int)fd, buf + len, max - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    syscall(SYS_close, (int)fd);
    return (long)len;
}

/* /proc/PID/cmdline (NUL-separated arguments) as a JSON array. */
static void put_cmdline(struct hbuf *b, long pid, char *scratch)
{
    char path[64];
    long n = read_file(proc_path(path, pid, "cmdline"), scratch, CMDLINE_MAX);
    put(b, "[", 1);
    for (long i = 0, k = 0; i < n; k++) {
        size_t len = length(scratch + i, (size_t)(n - i));
        if (k)
            put(b, ",", 1);
        put_json(b, scratch + i, len);
        i += (long)len + 1;
    }
    put(b, "]", 1);
}

/* The parent of pid from /proc/PID/stat ("pid (comm) S ppid ..."), or -1. */
static long parent_of(long pid, char *scratch)
{
    char path[64];
    long n = read_file(proc_path(path, pid, "stat"), scratch, 4096);
    long end = n; /* after the last ')': comm may hold ')' itself */
    while (end > 0 && scratch[end - 1] != ')')
        end--;
    long i = end + 3; /* then " S ppid " */
    if (end <= 0 || i >= n || scratch[i] < '0' || scratch[i] > '9')
        return -1;
    long ppid = 0;
    for (; i < n && scratch[i] >= '0' && scratch[i] <= '9'; i++)
        ppid = ppid * 10 + (scratch[i] - '0');
    return ppid;
}

/*
 * The ancestors below log_root_pid (the crace-test that started the suite),
 * parent first. Nothing when that process is not among the first
 * MAX_ANCESTORS: what lies above it (a CI runner's command lines) is none of
 * the log's business.
 */
static void put_ancestors(struct hbuf *b, long ppid, char *scratch)
{
    long chain[MAX_ANCESTORS];
    int n = 0, found = 0;
    for (long pid = ppid; pid > 1 && n < MAX_ANCESTORS; pid = parent_of(pid, scratch)) {
        if (pid == opt_log_root_pid) {
            found = 1;
            break;
        }
        chain[n++] = pid;
    }
    puts_(b, ",\"ancestors\":[");
    for (int k = 0; found && k < n; k++) {
        if (k)
            put(b, ",", 1);
        puts_(b, "{\"pid\":");
        put_int(b, chain[k]);
        puts_(b, ",\"cmdline\":");
        put_cmdline(b, chain[k], scratch);
        put(b, "}", 1);
    }
    put(b, "]", 1);
}

static void write_header(int fd, int pid)
{
    struct hbuf b = {0};
    char *scratch = rt_alloc(CMDLINE_MAX + 1);
    long ppid = syscall(SYS_getppid);
    puts_(&b, "{\"type\":\"process\",\"format\":1,\"pid\":");
    put_int(&b, pid);
    puts_(&b, ",\"ppid\":");
    put_int(&b, ppid);
    puts_(&b, ",\"cmdline\":");
    put_cmdline(&b, pid, scratch);
    puts_(&b, ",\"cwd\":");
    long n = syscall(SYS_getcwd, scratch, CMDLINE_MAX);
    if (n > 0)
        put_json(&b, scratch, length(scratch, CMDLINE_MAX));
    else
        puts_(&b, "null");
    put_ancestors(&b, ppid, scratch);
    puts_(&b, "}\n");
    rt_write(fd, b.p, b.len);
    rt_free(scratch);
    rt_free(b.p);
}

int proclog_fd(const char *prefix)
{
    int pid = (int)syscall(SYS_getpid);
    if (log_pid == pid)
        return log_fd;
    if (log_fd >= 0)
        syscall(SYS_close, log_fd); /* the parent's, inherited through fork */
    log_pid = pid;
    struct hbuf p = {0};
    char num[24];
    puts_(&p, prefix);
    puts_(&p, ".");
    puts_(&p, decimal(pid, num));
    put(&p, "", 1); /* the terminating NUL */
    const char *path = p.p;
    log_fd =
        (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
        log_fd = -1;
        rt_printf(2, "crace: cannot open log_path file %s; reporting to stderr\n", path);
    } else if (opt_report_json) {
        write_header(log_fd, pid);
    }
    rt_free(p.p);
    return log_fd;
}
