// thr_clone_race: a thread made with raw clone(CLONE_VM | CLONE_THREAD ...),
// not pthread_create, and without CLONE_SETTLS. It reads `config` (main
// wrote it before clone: ordered) and writes `shared`; main writes
// `shared` later in real time (uninstr_sync). The child must be seen as a
// thread of its own, with clone's happens-before edge: one race, on
// `shared`, and T1's creation stack points at the clone call.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 48 31
// RACE-ACCESS: write write
// RACE-FUNCS: child
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "uninstr_sync.h"

long config;
long shared; /* long: alone in its 8-byte shadow granule */
static int written;
static pid_t child_tid = 1; /* cleared by the kernel when the child exits */

static int child(void *arg)
{
    long c = config;
    shared = c + 1; /* RACY */
    crace_test_signal(&written);
    return arg != 0;
}

int main(void)
{
    size_t size = 256 * 1024;
    char *stack = malloc(size);
    pid_t ptid;
    int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
                CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;

    config = 41;
    if (clone(child, stack + size, flags, NULL, &ptid, NULL, &child_tid) == -1) /* CREATE */
        return 3;
    crace_test_wait(&written);
    shared = 2; /* RACY */
    for (pid_t v; (v = __atomic_load_n(&child_tid, __ATOMIC_ACQUIRE)) != 0;)
        syscall(SYS_futex, &child_tid, FUTEX_WAIT, v, NULL, NULL, 0);
    return 0;
}
