/*
 * thr_helper_gone.c - helper for thr_ cases, not a case (no EXPECT line).
 * Linked with "// LINK: thr_helper_gone", so it is compiled WITHOUT
 * instrumentation: it lets a case wait, invisibly to the detector, until a
 * thread has really terminated (its kernel task no longer exists).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

static pid_t noted_tid;

/* Called by the thread that will terminate: remembers its kernel tid. */
void thr_helper_note_self(void)
{
    __atomic_store_n(&noted_tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
}

/* Waits until the noted thread has been noted and then has terminated. */
void thr_helper_wait_gone(void)
{
    pid_t tid;

    while (!(tid = __atomic_load_n(&noted_tid, __ATOMIC_ACQUIRE)))
        sched_yield();
    while (syscall(SYS_tgkill, getpid(), tid, 0) == 0)
        sched_yield();
}
