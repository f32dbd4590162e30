/*
 * init.c - runtime start-up and shut-down: __tsan_init, the .preinit_array
 * hook, option parsing and the exit-time summary that turns a run with
 * races into exit status 66.
 *
 * Start-up can be reached from several places (preinit, every instrumented
 * module's constructor, an interceptor called by the loader), so rt_init is
 * idempotent and cheap after the first call. It runs on the main thread
 * before any other thread exists.
 */

#include "events.h"
#include "options.h"
#include "report.h"
#include "rt.h"
#include "suppress.h"
#include "symbolize.h"
#include "intercept.h"
#include "thread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int rt_initialized; /* set once by rt_init, read by everyone */

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/*
 * Registered first with atexit, so it runs after the program's own exit
 * handlers. With races found it flushes stdio itself and ends the process
 * with opt_exitcode; otherwise the program's status stands.
 */
static void crace_at_exit(void)
{
    struct crace_thread *t = crace_cur;
    if (t && !t->finished && thread_count_running() > 1 && opt_atexit_sleep_ms > 0)
        sleep_ms(opt_atexit_sleep_ms); /* let threads still running reach their races */
    /* The tools' output (profiles, the execution trace), also when races
     * end the run with 66. */
    ev_fini();
    if (report_count() == 0) {
        report_summary(); /* suppressed races, if any */
        return;
    }
    if (t)
        t->in_rt++;
    report_summary();
    fflush(NULL);
    _exit(opt_exitcode);
}

/* The environment handed to .preinit_array functions: at that point libc
 * has not set up `environ` yet, so getenv() would see nothing. */
static char **preinit_envp;

static const char *env_lookup(const char *name)
{
    const char *v = getenv(name);
    if (v || !preinit_envp)
        return v;
    size_t n = strlen(name);
    for (char **e = preinit_envp; *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return 0;
}

void rt_init(void)
{
    static int started; /* only the main thread gets here during start-up */
    if (started)
        return;
    started = 1;
    char err[1024];
    if (options_parse(env_lookup("CRACE_OPTIONS"), err, sizeof err) != 0)
        rt_die("%s", err);
    report_init();
    sym_init();
    intercept_string_init();
    if (opt_suppressions && suppress_load(opt_suppressions, err, sizeof err) != 0)
        rt_die("%s", err);
    ev_init();
    thread_init_main();
    atexit(crace_at_exit);
    __atomic_store_n(&rt_initialized, 1, __ATOMIC_RELEASE);
    if (opt_verbosity > 0)
        rt_printf(2, "crace: runtime initialized (history_size=%u)\n", opt_history_size);
}

RT_EXPORT void __tsan_init(void)
{
    rt_init();
}

static void crace_preinit(int argc, char **argv, char **envp)
{
    (void)argc;
    (void)argv;
    preinit_envp = envp;
    rt_init();
}

/* Run before any constructor of the program (executables only). */
__attribute__((section(".preinit_array"),
               used)) static void (*crace_preinit_hook)(int, char **, char **) = crace_preinit;
