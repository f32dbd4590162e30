// thr_unseen_race: T1 is started by uninstrumented code through libc's own
// pthread_create (thr_helper_unseen), so crace never sees it created. Its
// first contact with the runtime is the entry into `worker`; it writes
// `shared` there. main writes `shared` after it in real time (uninstr_sync).
// T1 must announce itself and be checked: with no happens-before edge from
// anyone, the two writes race. The report names T1 and its stack.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 40 28
// RACE-ACCESS: write write
// RACE-FUNCS: worker bump
// UNSEEN: T1
// LINK: uninstr_sync thr_helper_unseen
#include <pthread.h>

#include "uninstr_sync.h"

int thr_helper_spawn_unseen(pthread_t *t, void (*fn)(void *), void *arg);
int thr_helper_join_unseen(pthread_t t);

long shared; /* long: alone in its 8-byte shadow granule */
static int written;

__attribute__((noinline)) static void bump(long v)
{
    __asm__ __volatile__("" ::: "memory");
    shared = v; /* RACY */
}

static void worker(void *arg)
{
    bump((long)arg);
    crace_test_signal(&written);
}

static void later(void)
{
    crace_test_wait(&written);
    shared = 2; /* RACY */
}

int main(void)
{
    pthread_t t;

    if (thr_helper_spawn_unseen(&t, worker, (void *)1) != 0) /* CREATE */
        return 3;
    later();
    thr_helper_join_unseen(t);
    return 0;
}
