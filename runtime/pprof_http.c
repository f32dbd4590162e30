/*
 * pprof_http.c - the loopback HTTP server of pprof_http.h: the address
 * check, the listening socket, the invisible serving thread and the
 * /debug/pprof/ routes.
 *
 * All socket work goes through raw system calls: socket, accept, read and
 * close are the program's interceptors (file descriptor tracking).
 */
#include "pprof_http.h"
#include "profile.h"
#include "thread.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define REQUEST_MAX 8192
#define SECONDS_MAX 600 /* ?seconds= longer than this is refused */

/* ---- the address ---- */

union addr {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
};

static int parse_port(const char *s, unsigned *port)
{
    unsigned v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || (v = v * 10 + (unsigned)(*s - '0')) > 65535)
            return -1;
    }
    *port = v;
    return 0;
}

/* HOST:PORT with HOST 127.x.y.z, localhost or [::1]; -1 otherwise. */
static int parse_spec(const char *spec, union addr *a, socklen_t *len)
{
    char host[64];
    const char *colon = strrchr(spec, ':');
    unsigned port;
    if (!colon || (size_t)(colon - spec) >= sizeof host || parse_port(colon + 1, &port))
        return -1;
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = 0;
    memset(a, 0, sizeof *a);
    if (!strcmp(host, "[::1]")) {
        a->in6.sin6_family = AF_INET6;
        a->in6.sin6_addr = in6addr_loopback;
        a->in6.sin6_port = htons((uint16_t)port);
        *len = sizeof a->in6;
        return 0;
    }
    if (!strcmp(host, "localhost"))
        strcpy(host, "127.0.0.1");
    a->in4.sin_family = AF_INET;
    a->in4.sin_port = htons((uint16_t)port);
    *len = sizeof a->in4;
    if (inet_pton(AF_INET, host, &a->in4.sin_addr) != 1)
        return -1;
    return (ntohl(a->in4.sin_addr.s_addr) >> 24) == 127 ? 0 : -1; /* 127.0.0.0/8 */
}

/* ---- the serving thread ---- */

static int listen_fd = -1;
/* The record the serving thread runs under: never registered, always in
 * runtime mode, so interceptors pass straight through on that thread. */
static struct crace_thread *ghost;

static void send_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        long r = syscall(SYS_sendto, fd, s, n, MSG_NOSIGNAL, 0, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return;
        s += r;
        n -= (size_t)r;
    }
}

static void respond(int fd, int status, const char *reason, const char *type, const char *filename,
                    const void *body, size_t len)
{
    char head[512];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
                     status, reason, type, len);
    if (filename)
        n += snprintf(head + n, sizeof head - (size_t)n,
                      "Content-Disposition: attachment; filename=\"%s\"\r\n", filename);
    n += snprintf(head + n, sizeof head - (size_t)n, "\r\n");
    send_all(fd, head, (size_t)n);
    send_all(fd, body, len);
}

static void respond_text(int fd, int status, const char *reason, const char *text)
{
    respond(fd, status, reason, "text/plain; charset=utf-8", 0, text, strlen(text));
}

/* The value of name=... in the query, or NULL. */
static const char *query_value(const char *query, const char *name, char *buf, size_t len)
{
    size_t nl = strlen(name);
    for (const char *q = query; q && *q;) {
        if (!strncmp(q, name, nl) && q[nl] == '=') {
            const char *v = q + nl + 1;
            size_t n = strcspn(v, "&");
            if (n >= len)
                n = len - 1;
            memcpy(buf, v, n);
            buf[n] = 0;
            return buf;
        }
        q = strchr(q, '&');
        q = q ? q + 1 : 0;
    }
    return 0;
}

/* An integer query parameter in [0, max]; def when absent; -1 if bad. */
static int query_int(const char *query, const char *name, int def, int max)
{
    char buf[32];
    const char *v = query_value(query, name, buf, sizeof buf);
    if (!v)
        return def;
    char *end;
    long x = strtol(v, &end, 10);
    return *v && !*end && x >= 0 && x <= max ? (int)x : -1;
}

static const char index_page[] =
    "<html><head><title>/debug/pprof/</title></head><body>\n"
    "/debug/pprof/ (crace)<br>\n<br>\nProfiles:<br>\n<table>\n"
    "<tr><td><a href='block?debug=1'>block</a></td><td>where threads blocked (contended locks, "
    "condition waits, joins, semaphores, barriers)</td></tr>\n"
    "<tr><td><a href='goroutine?debug=1'>goroutine</a></td><td>every thread's stack "
    "(<a href='goroutine?debug=2'>full dump</a>)</td></tr>\n"
    "<tr><td><a href='mutex?debug=1'>mutex</a></td><td>time waited for locks, at the stacks "
    "that held them</td></tr>\n</table>\n</body></html>\n";

static void serve_profile(int fd, const char *name, const char *query)
{
    enum profile_which which;
    if (!strcmp(name, "goroutine"))
        which = PROFILE_GOROUTINE;
    else if (!strcmp(name, "mutex"))
        which = PROFILE_MUTEX;
    else if (!strcmp(name, "block"))
        which = PROFILE_BLOCK;
    else {
        respond_text(fd, 404, "Not Found",
                     "Unknown profile: crace serves goroutine, mutex and block\n");
        return;
    }
    int debug = query_int(query, "debug", 0, 2);
    int seconds = query_int(query, "seconds", 0, SECONDS_MAX);
    if (debug < 0 || seconds < 0) {
        respond_text(fd, 400, "Bad Request", "debug must be 0, 1 or 2; seconds 0..600\n");
        return;
    }
    if (seconds && which == PROFILE_GOROUTINE) {
        respond_text(fd, 400, "Bad Request", "the goroutine profile is a snapshot: no seconds\n");
        return;
    }
    struct pbuf body = {0};
    profile_render(which, debug, seconds, &body);
    if (debug)
        respond(fd, 200, "OK", "text/plain; charset=utf-8", 0, body.p, body.len);
    else
        respond(fd, 200, "OK", "application/octet-stream", name, body.p, body.len);
    pbuf_free(&body);
}

/* Read the request head (up to the blank line); its length, or -1. */
static long read_request(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    while (n < cap - 1) {
        long r = syscall(SYS_read, fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        n += (size_t)r;
        buf[n] = 0;
        if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
            return (long)n;
    }
    return -1;
}

static void handle(int fd)
{
    char req[REQUEST_MAX], method[16], target[2048];
    if (read_request(fd, req, sizeof req) < 0)
        return;
    if (sscanf(req, "%15s %2047s", method, target) != 2) {
        respond_text(fd, 400, "Bad Request", "malformed request\n");
        return;
    }
    if (strcmp(method, "GET")) {
        respond_text(fd, 405, "Method Not Allowed", "only GET\n");
        return;
    }
    char *query = strchr(target, '?');
    if (query)
        *query++ = 0;
    static const char prefix[] = "/debug/pprof/";
    if (!strcmp(target, "/debug/pprof") || !strcmp(target, prefix))
        respond(fd, 200, "OK", "text/html; charset=utf-8", 0, index_page, sizeof index_page - 1);
    else if (!strncmp(target, prefix, sizeof prefix - 1))
        serve_profile(fd, target + sizeof prefix - 1, query);
    else
        respond_text(fd, 404, "Not Found", "404 page not found\n");
}

static void set_timeout(int fd, int opt)
{
    struct timeval tv = {10, 0}; /* a stuck client does not hold the server forever */
    syscall(SYS_setsockopt, fd, SOL_SOCKET, opt, &tv, sizeof tv);
}

static void *serve(void *arg)
{
    (void)arg;
    crace_cur = ghost;
    for (;;) {
        long c = syscall(SYS_accept4, listen_fd, 0, 0, SOCK_CLOEXEC);
        if (c < 0) {
            struct timespec pause = {0, 100000000}; /* out of fds, say: try again later */
            if (errno != EINTR && errno != ECONNABORTED)
                nanosleep(&pause, 0);
            continue;
        }
        set_timeout((int)c, SO_RCVTIMEO);
        set_timeout((int)c, SO_SNDTIMEO);
        handle((int)c);
        syscall(SYS_close, c);
    }
    return 0;
}

/* ---- start-up ---- */

static void start_thread(void)
{
    int (*create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *) =
        rt_real("pthread_create");
    pthread_attr_t attr;
    pthread_t th;
    uint64_t all = ~0ull, old;
    /* Created with every signal blocked, which the thread keeps: no signal
     * of the program is ever handled there. */
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, sizeof all);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8u << 20); /* symbolization is deep */
    int rc = create(&th, &attr, serve, 0);
    pthread_attr_destroy(&attr);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, 0, sizeof old);
    if (rc)
        rt_die("pprof_http: cannot start the server thread: %s", strerror(rc));
}

void pprof_http_start(const char *spec)
{
    union addr a;
    socklen_t len;
    if (parse_spec(spec, &a, &len))
        rt_die("bad value '%s' for option 'pprof_http' in CRACE_OPTIONS (expected a loopback "
               "HOST:PORT such as 127.0.0.1:6060, localhost:6060 or [::1]:6060; other addresses "
               "are refused)",
               spec);
    long fd = syscall(SYS_socket, a.sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0)
        rt_die("pprof_http=%s: cannot make a socket: %s", spec, strerror(errno));
    syscall(SYS_setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (syscall(SYS_bind, fd, &a.sa, len) != 0 || syscall(SYS_listen, fd, 16) != 0)
        rt_die("pprof_http=%s: cannot listen there: %s", spec, strerror(errno));
    listen_fd = (int)fd;
    if (syscall(SYS_getsockname, fd, &a.sa, &len) == 0 &&
        !strcmp(strrchr(spec, ':'), ":0")) { /* the port the kernel chose */
        char host[64];
        inet_ntop(a.sa.sa_family,
                  a.sa.sa_family == AF_INET6 ? (void *)&a.in6.sin6_addr : (void *)&a.in4.sin_addr,
                  host, sizeof host);
        rt_printf(2, "crace: pprof server on http://%s%s%s:%u/debug/pprof/\n",
                  a.sa.sa_family == AF_INET6 ? "[" : "", host,
                  a.sa.sa_family == AF_INET6 ? "]" : "",
                  ntohs(a.sa.sa_family == AF_INET6 ? a.in6.sin6_port : a.in4.sin_port));
    }
    ghost = rt_alloc(sizeof *ghost);
    ghost->in_rt = 1;
    ghost->uid = UINT32_MAX;
    start_thread();
}
