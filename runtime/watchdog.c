/*
 * watchdog.c - the runtime's own thread (watchdog.h): a loop that sleeps
 * on a futex word, runs deadlock.c's check every TICK_MS while deadlock
 * detection is on, and prints the thread dump when dump_signal's handler
 * asks for it.
 *
 * It is made with the real pthread_create (not our interceptor), detached,
 * with every signal blocked (so no program handler ever runs on it, and
 * the dump signal reaches a program thread, whose handler only wakes this
 * one). Its crace_cur is a record of its own that no table knows, in
 * runtime mode for good: libc and libdw calls made for reports pass
 * straight through the interceptors, and it is never registered, counted
 * or ordered with anything.
 */
#include "watchdog.h"
#include "deadlock.h"
#include "dump.h"
#include "options.h"
#include "thread.h"

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 100                 /* deadlock checks: 10 a second */
#define WATCHDOG_STACK (256u << 10) /* reports run on the report stack */

enum { WD_OFF, WD_STARTING, WD_RUNNING, WD_FAILED };
static int state;
static pid_t tid;
static uint32_t wake;                /* futex word: bumped by every request */
static int dump_requested;           /* set by the dump signal's handler */
static int quit;                     /* watchdog_stop: return */
static struct crace_thread self_rec; /* its crace_cur */

uint64_t watchdog_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

pid_t watchdog_tid(void)
{
    return __atomic_load_n(&tid, __ATOMIC_ACQUIRE);
}

/* Sleep until `wake` moves from val, or ms pass (ms < 0: no limit). */
static void sleep_on_wake(uint32_t val, int64_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    syscall(SYS_futex, &wake, FUTEX_WAIT_PRIVATE, val, ms >= 0 ? &ts : 0, 0, 0);
}

void watchdog_request_dump(void)
{
    int saved_errno = errno;
    __atomic_store_n(&dump_requested, 1, __ATOMIC_RELEASE);
    __atomic_fetch_add(&wake, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &wake, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
    errno = saved_errno;
}

static void *watchdog_main(void *arg)
{
    (void)arg;
    self_rec.in_rt = 1;
    self_rec.ignore = 1;
    self_rec.ignore_sync = 1;
    crace_cur = &self_rec;
    syscall(SYS_prctl, PR_SET_NAME, "crace-watchdog", 0, 0, 0); /* as ps and gdb show it */
    __atomic_store_n(&tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
    int checking = opt_deadlock != DEADLOCK_IGNORE;
    uint64_t next = watchdog_now_ms() + TICK_MS;
    for (;;) {
        uint32_t w = __atomic_load_n(&wake, __ATOMIC_ACQUIRE);
        if (__atomic_load_n(&quit, __ATOMIC_ACQUIRE))
            return 0;
        if (!__atomic_load_n(&dump_requested, __ATOMIC_ACQUIRE)) {
            uint64_t now = watchdog_now_ms();
            if (!checking)
                sleep_on_wake(w, -1);
            else if (now < next)
                sleep_on_wake(w, (int64_t)(next - now));
        }
        if (__atomic_exchange_n(&dump_requested, 0, __ATOMIC_ACQ_REL))
            dump_all();
        uint64_t now = watchdog_now_ms();
        if (checking && now >= next) {
            deadlock_tick(now);
            next = watchdog_now_ms() + TICK_MS;
        }
    }
    return 0;
}

/*
 * In a fork child: the watchdog is gone; the next watchdog_start makes one
 * (the child's next thread or wait that may hang). With dump_signal the
 * child needs one for the signal alone: it gets one now. (The forking
 * thread holds the runtime's locks and is in runtime mode: the new thread
 * waits for them if it needs them, and its allocations pass through.)
 */
static void after_fork_child(void)
{
    state = WD_OFF;
    tid = 0;
    wake = 0;
    dump_requested = 0;
    quit = 0;
    dump_after_fork();
    deadlock_after_fork();
    if (opt_dump_signal)
        watchdog_start();
}

static int create_thread(void)
{
    int (*create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *) = (int (*)(
        pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))rt_real("pthread_create");
    pthread_attr_t attr;
    sigset_t all;
    pthread_t th;
    sigfillset(&all);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, WATCHDOG_STACK);
    pthread_attr_setsigmask_np(&attr, &all);
    int rc = create(&th, &attr, watchdog_main, 0);
    pthread_attr_destroy(&attr);
    return rc;
}

/*
 * The last program thread is finishing (main called pthread_exit): glibc
 * ends the process with exit(0) when its last thread ends, and the watchdog
 * would be that thread forever. It returns instead (and whichever of the
 * two ends last calls exit). Not restarted: the process is ending.
 */
void watchdog_stop(void)
{
    if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) != WD_RUNNING)
        return;
    __atomic_store_n(&quit, 1, __ATOMIC_RELEASE);
    __atomic_fetch_add(&wake, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &wake, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

void watchdog_start(void)
{
    if (likely(__atomic_load_n(&state, __ATOMIC_ACQUIRE) != WD_OFF))
        return;
    int expected = WD_OFF;
    if (!__atomic_compare_exchange_n(&state, &expected, WD_STARTING, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        return;
    struct crace_thread *t = crace_cur;
    if (t)
        t->in_rt++; /* libc's allocations for the new thread pass through */
    static int atfork_registered;
    if (!atfork_registered) {
        atfork_registered = 1;
        pthread_atfork(0, 0, after_fork_child);
    }
    int rc = create_thread();
    if (rc != 0 && opt_verbosity > 0)
        rt_printf(2, "crace: cannot start the watchdog thread (error %d): no deadlock checks\n",
                  rc);
    __atomic_store_n(&state, rc == 0 ? WD_RUNNING : WD_FAILED, __ATOMIC_RELEASE);
    if (t)
        t->in_rt--;
}
