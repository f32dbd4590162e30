/*
 * thr_helper_seq.c - helper for thr_ cases, not a case (no EXPECT line).
 * Linked with "// LINK: thr_helper_seq", so it is compiled WITHOUT
 * instrumentation: it lets main run threads strictly one after another
 * without any synchronization crace can see. Each thread calls
 * thr_seq_note() as its last act; main calls thr_seq_wait() after each
 * pthread_create, which returns once that thread has noted itself and its
 * kernel task no longer exists (its end, TSD destructors included, is
 * complete).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

static pid_t noted;

void thr_seq_note(void)
{
    __atomic_store_n(&noted, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
}

void thr_seq_wait(void)
{
    pid_t tid;

    while (!(tid = __atomic_exchange_n(&noted, 0, __ATOMIC_ACQ_REL)))
        sched_yield();
    while (syscall(SYS_tgkill, getpid(), tid, 0) == 0)
        sched_yield();
}
