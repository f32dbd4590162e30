/*
 * test_report.c - unit tests for runtime/report.c: the one-frame
 * formatter, report_path, and whole race reports produced by race_found
 * (symbolized against this test binary and written to a log_path file).
 *
 * Links report.c, symbolize.c, heap.c, history.c, clock.c, options.c and
 * internal.c. thread_at and thread_owning (thread.c) and sync_lock_origin
 * (sync.c) are the test's own: they hand out the hand-built threads below
 * (which own no stack or TLS) and one lock of known origin. Built with -O0
 * -g so that this file's functions are symbolized with their names and
 * lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access.h"
#include "events.h"
#include "options.h"
#include "report.h"
#include "symbolize.h"
#include "sync.h"
#include "thread.h"

/* ---- thread registry stand-in --------------------------------------------- */

static struct crace_thread *known_threads[4];

int thread_owning(uintptr_t addr, uint32_t *uid, int *is_tls)
{
    (void)addr, (void)uid, (void)is_tls;
    return 0;
}

/* fd.c stand-in: no address here is a file descriptor's word. */
int fd_of_addr(uintptr_t addr)
{
    (void)addr;
    return -1;
}

/* events.c stand-ins: no tool is part of this test. */
void ev_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    (void)t, (void)addr, (void)flags, (void)pc;
}

void ev_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    (void)t, (void)addr, (void)pc;
}

void ev_report(const char *title, const struct crace_report *r)
{
    (void)title, (void)r;
}

void ev_fini(void) {}

struct crace_thread *thread_at(uint32_t slot, uint64_t epoch)
{
    for (int i = 0; i < 4; i++) {
        struct crace_thread *t = known_threads[i];
        if (t && t->slot == slot && epoch >= t->start_epoch)
            return t;
    }
    return NULL;
}

/* ---- sync table stand-in: one lock whose origin is known ------------------- */

static uintptr_t origin_addr;
static struct lock_origin origin_rec;

int sync_lock_origin(uintptr_t addr, struct lock_origin *out)
{
    if (!origin_addr || addr != origin_addr)
        return 0;
    *out = origin_rec;
    return 1;
}

/* ---- helpers --------------------------------------------------------------- */

static char tmpdir[256];
static char cwd_real[4096]; /* the temporary directory as getcwd spells it */

static int setup_dir(void **state)
{
    (void)state;
    options_reset();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/crace-report-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    assert_int_equal(chdir(tmpdir), 0);
    assert_non_null(getcwd(cwd_real, sizeof cwd_real));
    report_init();
    return 0;
}

static int teardown_dir(void **state)
{
    (void)state;
    char cmd[600];
    assert_int_equal(chdir("/"), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

static char out[8192];

static const char *fmt(const struct sym_frame *f, uintptr_t pc)
{
    size_t n = report_format_frame(out, sizeof out, f, pc);
    assert_int_equal(n, strlen(out));
    return out;
}

static void assert_contains(const char *s, const char *needle)
{
    if (!strstr(s, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, s);
}

/* ---- report_format_frame ---------------------------------------------------- */

static void test_frame_with_file_and_line(void **state)
{
    (void)state;
    char file[4200];
    snprintf(file, sizeof file, "%s/samples/counter.c", cwd_real);
    uintptr_t pc = 0x55555555a1c8;
    struct sym_frame f = {.function = "inc",
                          .file = file,
                          .line = 9,
                          .func_start = pc - 0x2c,
                          .module = "/home/u/build/counter",
                          .module_offset = 0x11c7};
    assert_string_equal(fmt(&f, pc), "  inc()\n      samples/counter.c:9 +0x2c\n");

    /* a file outside the working directory stays absolute */
    f.file = "/usr/include/x86_64-linux-gnu/bits/string_fortified.h";
    f.line = 29;
    f.function = "memcpy";
    assert_string_equal(
        fmt(&f, pc), "  memcpy()\n      /usr/include/x86_64-linux-gnu/bits/string_fortified.h:29 "
                     "+0x2c\n");

    /* a relative DWARF path is printed as is */
    f.file = "samples/counter.c";
    f.function = "inc";
    f.line = 12;
    f.func_start = pc;
    assert_string_equal(fmt(&f, pc), "  inc()\n      samples/counter.c:12 +0x0\n");
}

static void test_frame_with_module_only(void **state)
{
    (void)state;
    uintptr_t pc = 0x7ffff7e4a1c8;
    /* the symbolizer was asked about pc - 1 (a return address), so its
     * module_offset is one less than pc's: the formatter adds the one back */
    struct sym_frame f = {.function = "worker",
                          .file = NULL,
                          .line = 0,
                          .func_start = pc - 0x1c,
                          .module = "/home/u/build/counter",
                          .module_offset = 0x1234};
    assert_string_equal(fmt(&f, pc), "  worker()\n      counter+0x1235 +0x1c\n");

    /* a file without a line is not used */
    f.file = "/src/counter.c";
    assert_string_equal(fmt(&f, pc), "  worker()\n      counter+0x1235 +0x1c\n");

    /* a module path without a directory */
    f.module = "libfoo.so";
    f.module_offset = 0xff;
    assert_string_equal(fmt(&f, pc), "  worker()\n      libfoo.so+0x100 +0x1c\n");
}

static void test_frame_unknown(void **state)
{
    (void)state;
    uintptr_t pc = 0x401234;
    /* no function name, but a start: "??()" and the offset */
    struct sym_frame f = {.module = "/bin/prog", .module_offset = 0x1233, .func_start = 0x401200};
    assert_string_equal(fmt(&f, pc), "  ?\?()\n      prog+0x1234 +0x34\n");

    /* nothing known at all: the raw pc is the location */
    memset(&f, 0, sizeof f);
    assert_string_equal(fmt(&f, pc), "  ?\?()\n      0x401234\n");

    /* a function name without a start address: no offset is printed */
    f.function = "inc";
    f.file = "/x/counter.c";
    f.line = 3;
    assert_string_equal(fmt(&f, pc), "  inc()\n      /x/counter.c:3\n");
}

static void test_frame_buffer_sizes(void **state)
{
    (void)state;
    struct sym_frame f = {
        .function = "inc", .file = "/x/samples/counter.c", .line = 9, .func_start = 0x1000};
    const char *want = "  inc()\n      /x/samples/counter.c:9 +0x2c\n";
    char small[16];
    memset(small, 'X', sizeof small);
    /* snprintf-like: the needed length, a truncated NUL-terminated prefix */
    assert_int_equal(report_format_frame(small, sizeof small, &f, 0x102c), strlen(want));
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, want, sizeof small - 1);
    assert_int_equal(report_format_frame(NULL, 0, &f, 0x102c), strlen(want));

    /* a very long file name is cut, not overflowed */
    static char longname[6000];
    memset(longname, 'a', sizeof longname - 1);
    longname[0] = '/';
    f.file = longname;
    static char big[9000];
    size_t n = report_format_frame(big, sizeof big, &f, 0x102c);
    assert_int_equal(n, strlen(big));
    assert_true(n < 4300);
}

/* ---- report_path ------------------------------------------------------------ */

static void test_report_path_cwd(void **state)
{
    (void)state;
    char file[4200];
    snprintf(file, sizeof file, "%s/src/a.c", cwd_real);
    assert_string_equal(report_path(file), "src/a.c");
    /* a sibling whose name starts like the working directory is not below it */
    snprintf(file, sizeof file, "%sx/src/a.c", cwd_real);
    assert_string_equal(report_path(file), file);
    assert_string_equal(report_path("/elsewhere/a.c"), "/elsewhere/a.c");
    assert_string_equal(report_path("rel/a.c"), "rel/a.c");

    /* started in "/": nothing is stripped */
    assert_int_equal(chdir("/"), 0);
    report_init();
    assert_string_equal(report_path("/samples/counter.c"), "/samples/counter.c");
    assert_int_equal(chdir(tmpdir), 0);
    report_init();
    snprintf(file, sizeof file, "%s/src/a.c", cwd_real);
    assert_string_equal(report_path(file), "src/a.c");
}

static void test_report_path_strip_prefix(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(options_parse("strip_path_prefix=/build/src/", err, sizeof err), 0);
    assert_string_equal(report_path("/build/src/lib/a.c"), "lib/a.c");
    assert_string_equal(report_path("/build/srcs/a.c"), "/build/srcs/a.c");
    assert_string_equal(report_path("/other/a.c"), "/other/a.c");
    /* the working directory is still stripped when the prefix does not match */
    char file[4200];
    snprintf(file, sizeof file, "%s/src/a.c", cwd_real);
    assert_string_equal(report_path(file), "src/a.c");

    /* the prefix wins over the working directory */
    char opts[600];
    snprintf(opts, sizeof opts, "strip_path_prefix=%s/src/", cwd_real);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);
    assert_string_equal(report_path(file), "a.c");

    /* without '/' at its end the prefix strips just those characters */
    assert_int_equal(options_parse("strip_path_prefix=/build", err, sizeof err), 0);
    assert_string_equal(report_path("/build/x.c"), "/x.c");

    /* the formatter uses report_path */
    assert_int_equal(options_parse("strip_path_prefix=/build/src/", err, sizeof err), 0);
    struct sym_frame f = {
        .function = "f", .file = "/build/src/lib/a.c", .line = 4, .func_start = 0x10};
    assert_string_equal(fmt(&f, 0x18), "  f()\n      lib/a.c:4 +0x8\n");
    options_reset();
}

/* ---- whole reports (race_found) ------------------------------------------------ */

/* Code addresses in this binary standing for instrumented code. */
enum { WRITER_LINE = __LINE__ + 1 };
static __attribute__((noinline)) int racy_writer(int x)
{
    return x + 1;
}
enum { READER_LINE = __LINE__ + 1 };
static __attribute__((noinline)) int racy_reader(int x)
{
    return x * 3;
}
static __attribute__((noinline)) int writer_caller(int x)
{
    return racy_writer(x) + 2;
}
static __attribute__((noinline)) int reader_caller(int x)
{
    return racy_reader(x) - 2;
}
static __attribute__((noinline)) int third_site(int x)
{
    return x ^ 5;
}

static __attribute__((noinline)) int locked_writer(int x)
{
    return x - 7;
}
static __attribute__((noinline)) int locked_reader(int x)
{
    return x * 11;
}

struct fake {
    struct crace_thread t;
    struct trace tr;
};

static void fake_init(struct fake *f, uint32_t slot, uint32_t uid, uint64_t epoch)
{
    memset(f, 0, sizeof *f);
    f->t.slot = slot;
    f->t.uid = uid;
    f->t.start_epoch = 1;
    vclock_set(&f->t.clock, slot, epoch);
    f->t.fast = cell_make(slot, epoch);
    trace_init(&f->tr, 0);
    f->t.tr = &f->tr;
    f->t.stack = rt_map(THREAD_STACK_CAP * sizeof(uintptr_t));
    trace_put1(&f->t, EV_OTHER | (EVO_STACK_RESET << 2));
    trace_put1(&f->t, EV_OTHER | (EVO_EPOCH << 2) | (epoch << 8));
}

static void fake_enter(struct fake *f, uintptr_t pc)
{
    thread_enter(&f->t, pc);
}

/* The report file that log_path=<tmpdir>/race makes. */
static const char *log_file(void)
{
    static char path[600];
    snprintf(path, sizeof path, "%s/race.%d", tmpdir, (int)getpid());
    return path;
}

static char *read_log(void)
{
    const char *path = log_file();
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        fail_msg("no report file %s", path);
    static char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    return buf;
}

static const char *read_log_or_empty(void)
{
    return access(log_file(), R_OK) == 0 ? read_log() : "";
}

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* "test_report.c:<line> +0x<off>\n": a function's first bytes belong to the
 * line of its name (clang) or of its opening brace (gcc). */
static void assert_location(const char *log, int line, unsigned off)
{
    char a[96], b[96];
    snprintf(a, sizeof a, "/test_report.c:%d +0x%x\n", line, off);
    snprintf(b, sizeof b, "/test_report.c:%d +0x%x\n", line + 1, off);
    if (!strstr(log, a) && !strstr(log, b))
        fail_msg("missing \"%s\" in:\n%s", a, log);
}

static void test_race_reports(void **state)
{
    (void)state;
    char opts[600], err[256];
    snprintf(opts, sizeof opts, "log_path=%s/race", tmpdir);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);

    static struct fake w, r;
    fake_init(&w, 2, 2, 7); /* T2, the current thread */
    fake_init(&r, 1, 1, 5); /* T1, the previous access */
    r.t.finished = 1;
    known_threads[0] = &w.t;
    known_threads[1] = &r.t;

    uintptr_t granule = 0x7f0000001000;
    uintptr_t pc_r = (uintptr_t)racy_reader + 4, call_r = (uintptr_t)reader_caller + 8;
    uintptr_t pc_w = (uintptr_t)racy_writer + 4, call_w = (uintptr_t)writer_caller + 8;
    /* T1 read bytes 4-7 of the granule at epoch 5, called from reader_caller */
    fake_enter(&r, call_r);
    trace_put2(&r.t,
               EV_ACCESS | EVA_READ | (2ull << EVA_SIZELOG_SHIFT) |
                   ((uint64_t)(granule + 4) << EVA_ADDR_SHIFT),
               pc_r);
    /* ... and the same bytes of the next granule but one, same code */
    trace_put2(&r.t,
               EV_ACCESS | EVA_READ | (2ull << EVA_SIZELOG_SHIFT) |
                   ((uint64_t)(granule + 64 + 4) << EVA_ADDR_SHIFT),
               pc_r);
    uint64_t old = r.t.fast | CELL_READ | cell_bytes(4, 4);
    /* T2 writes byte 6, in racy_writer called from writer_caller */
    fake_enter(&w, call_w);
    uint64_t cur = w.t.fast | cell_bytes(6, 1);

    assert_int_equal(report_count(), 0);
    race_found(&w.t, granule + 6, 1, cur, old, granule, pc_w);
    assert_int_equal(report_count(), 1);
    assert_int_equal(w.t.in_rt, 0); /* back out of runtime mode */

    const char *log = read_log();
    char line[128];
    assert_true(!strncmp(log, "==================\nWARNING: DATA RACE\n", 38));
    snprintf(line, sizeof line, "Write at %p by thread T2:\n  racy_writer()\n      ",
             (void *)(granule + 6));
    assert_contains(log, line);
    assert_location(log, WRITER_LINE, 4);
    assert_location(log, READER_LINE, 4);
    assert_contains(log, " +0x4\n  writer_caller()\n");
    /* the previous access's own address (its first byte in the granule) */
    snprintf(line, sizeof line, "Previous read at %p by thread T1:\n  racy_reader()\n      ",
             (void *)(granule + 4));
    assert_contains(log, line);
    assert_contains(log, " +0x4\n  reader_caller()\n");
    assert_contains(log,
                    "Thread T2 (running) created at:\n  [not created through pthread_create]\n");
    assert_contains(log,
                    "Thread T1 (finished) created at:\n  [not created through pthread_create]\n");
    assert_int_equal(count(log, "WARNING: DATA RACE"), 1);
    assert_int_equal(strcmp(log + strlen(log) - 19, "==================\n"), 0);
    /* the current stack comes first, innermost frame first */
    assert_true(strstr(log, "racy_writer()") < strstr(log, "writer_caller()"));
    assert_true(strstr(log, "writer_caller()") < strstr(log, "Previous read"));
    assert_true(strstr(log, "racy_reader()") < strstr(log, "reader_caller()"));
    size_t len1 = strlen(log);

    /* the same pair of code locations again (another granule): not reported twice */
    race_found(&w.t, granule + 64 + 6, 1, cur, old, granule + 64, pc_w);
    assert_int_equal(report_count(), 1);
    assert_int_equal(strlen(read_log()), len1);

    /* a signal handler that ran while its thread was inside the runtime
     * (in_rt > 0, no runtime lock held): its race is reported all the same */
    w.t.in_rt = 1;
    race_found(&w.t, granule + 6, 1, cur, old, granule, (uintptr_t)third_site + 4);
    assert_int_equal(report_count(), 2);
    assert_int_equal(w.t.in_rt, 1);
    w.t.in_rt = 0;
    log = read_log();
    assert_contains(log + len1, "  third_site()\n");
    size_t len2 = strlen(log);

    /* a previous access whose thread is unknown: no stack */
    uint64_t ghost = cell_make(9, 3) | CELL_ATOMIC | cell_bytes(0, 8);
    race_found(&w.t, granule + 128, 8, w.t.fast | cell_bytes(0, 8), ghost, granule + 128,
               (uintptr_t)third_site + 4);
    assert_int_equal(report_count(), 3);
    log = read_log();
    const char *third = log + len2;
    assert_contains(third, "  third_site()\n");
    snprintf(line, sizeof line, "Previous atomic write at %p by an unknown thread:\n",
             (void *)(granule + 128));
    assert_contains(third, line);
    assert_contains(third, "  [stack unavailable: history overwritten; raise history_size]\n");
    assert_int_equal(count(log, "WARNING: DATA RACE"), 3);

    report_summary();
    log = read_log();
    assert_contains(log, "==================\nFound 3 data race(s)\n");

    known_threads[0] = known_threads[1] = NULL;
    options_reset();
}

/* Locks held by either access, and where the locks came from. */
static void test_race_report_mutexes(void **state)
{
    (void)state;
    char opts[600], err[256];
    snprintf(opts, sizeof opts, "log_path=%s/race", tmpdir);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);
    int before = report_count();
    const char *log = read_log_or_empty();
    size_t len0 = strlen(log);

    static struct fake w, r;
    fake_init(&w, 4, 4, 9); /* T4, the current thread */
    fake_init(&r, 3, 3, 6); /* T3, the previous access */
    known_threads[0] = &w.t;
    known_threads[1] = &r.t;
    uintptr_t m1 = 0x7f0000002000, m2 = 0x7f0000002040, m3 = 0x7f0000002080;
    origin_addr = m1;
    origin_rec = (struct lock_origin){.created = 1, .uid = 0, .depth = 1};
    origin_rec.stack[0] = (uintptr_t)third_site + 4;

    /* T3 takes m2, then m1 for reading, lets m2 go, then writes: it held m1 only */
    uintptr_t granule = 0x7f0000003000, pc_r = (uintptr_t)locked_reader + 4;
    fake_enter(&r, (uintptr_t)reader_caller + 8);
    thread_lock_taken(&r.t, m2, 0, 0);
    thread_lock_taken(&r.t, m1, EV_READ, 0);
    thread_lock_released(&r.t, m2, 0);
    trace_put2(&r.t,
               EV_ACCESS | (3ull << EVA_SIZELOG_SHIFT) | ((uint64_t)granule << EVA_ADDR_SHIFT),
               pc_r);
    thread_lock_released(&r.t, m1, 0); /* after the access: not part of the report */
    uint64_t old = r.t.fast | cell_bytes(0, 8);
    /* T4 holds m3 twice (a recursive lock) and m1, and writes */
    fake_enter(&w, (uintptr_t)writer_caller + 8);
    thread_lock_taken(&w.t, m3, 0, 0);
    thread_lock_taken(&w.t, m3, 0, 0);
    thread_lock_taken(&w.t, m1, 0, 0);
    race_found(&w.t, granule, 8, w.t.fast | cell_bytes(0, 8), old, granule,
               (uintptr_t)locked_writer + 4);
    assert_int_equal(report_count(), before + 1);

    log = read_log() + len0;
    char line[256];
    /* numbered in order of appearance: the current access's locks first */
    snprintf(line, sizeof line, "Mutexes held: M1 (%p), M2 (%p)\n\nPrevious write", (void *)m3,
             (void *)m1);
    assert_contains(log, line);
    snprintf(line, sizeof line, "Mutexes held: M2 (%p, read)\n", (void *)m1);
    assert_contains(log, line);
    assert_int_equal(count(log, "Mutexes held:"), 2);
    snprintf(line, sizeof line,
             "Mutex M1 (%p) destroyed since: where it was created is no longer known\n",
             (void *)m3);
    assert_contains(log, line);
    snprintf(line, sizeof line, "Mutex M2 (%p) created by main thread at:\n  third_site()\n",
             (void *)m1);
    assert_contains(log, line);
    assert_true(strstr(log, "Mutex M1") < strstr(log, "Mutex M2"));
    assert_true(strstr(log, "Mutex M2") < strstr(log, "Thread T4"));

    origin_addr = 0;
    known_threads[0] = known_threads[1] = NULL;
    options_reset();
}

/* A frame the report hides (the runtime's own names start with crace_). */
static __attribute__((noinline)) int crace_hidden_frame(int x)
{
    return x + 13;
}
static __attribute__((noinline)) int deep_writer(int x)
{
    return x - 17;
}
static __attribute__((noinline)) int deep_reader(int x)
{
    return x * 19;
}
static __attribute__((noinline)) int deep_writer2(int x)
{
    return x - 23;
}

/* A current stack deeper than THREAD_STACK_CAP: the innermost frames are
 * shown, then how many outer ones were not kept (text and JSON). */
static void test_race_report_deep_current_stack(void **state)
{
    (void)state;
    char opts[600], err[256];
    snprintf(opts, sizeof opts, "log_path=%s/race", tmpdir);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);
    int before = report_count();
    size_t len0 = strlen(read_log_or_empty());

    static struct fake w, r;
    fake_init(&w, 6, 6, 4);
    fake_init(&r, 5, 5, 3);
    known_threads[0] = &w.t;
    known_threads[1] = &r.t;
    uintptr_t granule = 0x7f0000005000;
    fake_enter(&r, (uintptr_t)reader_caller + 8);
    trace_put2(&r.t,
               EV_ACCESS | (3ull << EVA_SIZELOG_SHIFT) | ((uint64_t)granule << EVA_ADDR_SHIFT),
               (uintptr_t)deep_reader + 4);
    uint64_t old = r.t.fast | cell_bytes(0, 8);
    /* 5000 frames: the outermost 904 are no longer kept; the kept ones are
     * hidden frames, then the innermost call site is writer_caller's */
    for (int i = 0; i < 4999; i++)
        fake_enter(&w, (uintptr_t)crace_hidden_frame + 4);
    fake_enter(&w, (uintptr_t)writer_caller + 8);
    assert_int_equal(thread_stack_missing(&w.t), 904);
    race_found(&w.t, granule, 8, w.t.fast | cell_bytes(0, 8), old, granule,
               (uintptr_t)deep_writer + 4);
    assert_int_equal(report_count(), before + 1);
    const char *log = read_log() + len0;
    assert_contains(log, "  writer_caller()\n");
    assert_contains(log, " +0x8\n  ... 904 outer frames not recorded\n\nPrevious write");
    assert_int_equal(count(log, "outer frame"), 1); /* the previous stack is whole */

    /* the same in JSON (another pair of locations, so it is reported) */
    snprintf(opts, sizeof opts, "log_path=%s/race report_format=json", tmpdir);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);
    size_t len1 = strlen(read_log());
    race_found(&w.t, granule, 8, w.t.fast | cell_bytes(0, 8), old, granule,
               (uintptr_t)deep_writer2 + 4);
    log = read_log() + len1;
    assert_contains(log, "\"outer_frames_missing\":904,\"mutexes\":[]},\"previous\":");
    assert_contains(log, "\"outer_frames_missing\":0,\"mutexes\":[]},\"location\":");

    known_threads[0] = known_threads[1] = NULL;
    options_reset();
}

/* One current access (same pc, granule and other thread) racing with the
 * other thread's accesses at different lines over time: each new pair of
 * lines is reported, repeats are not. */
static __attribute__((noinline)) int pair_reader(int x)
{
    return x * 29;
}
static __attribute__((noinline)) int pair_writer_a(int x)
{
    return x - 31;
}
static __attribute__((noinline)) int pair_writer_b(int x)
{
    return x - 37;
}

static void test_race_report_new_pairs_never_dropped(void **state)
{
    (void)state;
    char opts[600], err[256];
    snprintf(opts, sizeof opts, "log_path=%s/race", tmpdir);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);
    int before = report_count();

    static struct fake rd, wr;
    fake_init(&rd, 8, 8, 2);
    fake_init(&wr, 7, 7, 1);
    known_threads[0] = &rd.t;
    known_threads[1] = &wr.t;
    uintptr_t granule = 0x7f0000006000, pc_r = (uintptr_t)pair_reader + 4;
    uintptr_t pcs[] = {(uintptr_t)pair_writer_a + 4, (uintptr_t)pair_writer_b + 4,
                       (uintptr_t)pair_writer_a + 4, (uintptr_t)pair_writer_b + 4,
                       (uintptr_t)pair_writer_a + 4};
    int want[] = {1, 2, 2, 2, 2};
    for (int i = 0; i < 5; i++) {
        /* the writer: a new epoch, then a write of the granule */
        uint64_t e = vclock_get(&wr.t.clock, wr.t.slot) + 1;
        vclock_set(&wr.t.clock, wr.t.slot, e);
        wr.t.fast = cell_make(wr.t.slot, e);
        trace_put1(&wr.t, EV_OTHER | (EVO_EPOCH << 2) | (e << 8));
        trace_put2(&wr.t,
                   EV_ACCESS | (3ull << EVA_SIZELOG_SHIFT) | ((uint64_t)granule << EVA_ADDR_SHIFT),
                   pcs[i]);
        uint64_t old = wr.t.fast | cell_bytes(0, 8);
        /* the reader finds it, twice (the second time: the same cell again) */
        race_found(&rd.t, granule, 8, rd.t.fast | CELL_READ | cell_bytes(0, 8), old, granule, pc_r);
        race_found(&rd.t, granule, 8, rd.t.fast | CELL_READ | cell_bytes(0, 8), old, granule, pc_r);
        assert_int_equal(report_count(), before + want[i]);
    }
    const char *log = read_log();
    assert_contains(log, "  pair_writer_a()\n");
    assert_contains(log, "  pair_writer_b()\n");

    known_threads[0] = known_threads[1] = NULL;
    options_reset();
}

/* A fork child starts with nothing found: no count, no summary, and its
 * log_path file is its own (opened again, under its pid, when needed). */
static void test_fork_child_starts_clean(void **state)
{
    (void)state;
    char opts[600], err[256];
    snprintf(opts, sizeof opts, "log_path=%s/race", tmpdir);
    assert_int_equal(options_parse(opts, err, sizeof err), 0);
    report_summary(); /* opens the log file if anything was found */
    assert_true(report_count() > 0);
    size_t len = strlen(read_log());
    report_fork_prepare();
    report_fork_child();
    report_fork_done();
    assert_int_equal(report_count(), 0);
    report_summary();
    assert_int_equal(strlen(read_log()), len); /* nothing to say */
    options_reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_with_file_and_line),
        cmocka_unit_test(test_frame_with_module_only),
        cmocka_unit_test(test_frame_unknown),
        cmocka_unit_test(test_frame_buffer_sizes),
        cmocka_unit_test(test_report_path_cwd),
        cmocka_unit_test(test_report_path_strip_prefix),
        cmocka_unit_test(test_race_reports),
        cmocka_unit_test(test_race_report_mutexes),
        cmocka_unit_test(test_race_report_deep_current_stack),
        cmocka_unit_test(test_race_report_new_pairs_never_dropped),
        cmocka_unit_test(test_fork_child_starts_clean),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
