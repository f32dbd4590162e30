// proc_siglongjmp: each thread sigsetjmp()s in escape(), dives three calls
// deeper and raise()s SIGUSR1; the handler siglongjmp()s back to escape(),
// which then calls touch(), writing a global. The two writes race, and both
// stacks must be touch escape worker: neither the handler nor dive1..3.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 38
// RACE-STACK: touch escape worker
// LINK: uninstr_sync
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "uninstr_sync.h"

#if defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE __attribute__((noinline, noipa))
#endif
/* Compiler barrier: keeps the call before it from becoming a tail call. */
#define NO_TAIL_CALL() __asm__ volatile("" ::: "memory")

int shared;
static int first_done;
static __thread sigjmp_buf *jump_back; /* where this thread's handler goes */

NOINLINE void touch(int v);
NOINLINE void dive3(int depth);
NOINLINE void dive2(int depth);
NOINLINE void dive1(int depth);
NOINLINE void escape(int v);

NOINLINE void touch(int v)
{
    shared = v;
}

static void on_usr1(int sig)
{
    siglongjmp(*jump_back, sig);
}

NOINLINE void dive3(int depth)
{
    raise(SIGUSR1);
    NO_TAIL_CALL();
    (void)depth;
}

NOINLINE void dive2(int depth)
{
    dive3(depth + 1);
    NO_TAIL_CALL();
}

NOINLINE void dive1(int depth)
{
    dive2(depth + 1);
    NO_TAIL_CALL();
}

NOINLINE void escape(int v)
{
    sigjmp_buf env;

    jump_back = &env;
    if (sigsetjmp(env, 1) == 0) {
        dive1(1);
        NO_TAIL_CALL();
    }
    jump_back = NULL;
    touch(v);
    NO_TAIL_CALL();
}

static void *worker(void *arg)
{
    int id = *(int *)arg;

    if (id == 2)
        crace_test_wait(&first_done);
    escape(id);
    NO_TAIL_CALL();
    if (id == 1)
        crace_test_signal(&first_done);
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t t1, t2;
    int id1 = 1, id2 = 2;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    pthread_create(&t1, NULL, worker, &id1); /* CREATE */
    pthread_create(&t2, NULL, worker, &id2); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
