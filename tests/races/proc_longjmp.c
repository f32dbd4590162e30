// proc_longjmp: each thread setjmp()s in escape(), dives three calls deeper
// and longjmp()s back out, then calls touch(), which writes a global. The two
// writes race, and both stacks must be what is really on the stack after the
// jump (touch escape worker), not the frames longjmp unwound (dive1..3).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 35 35
// RACE-STACK: touch escape worker
// LINK: uninstr_sync
#include <pthread.h>
#include <setjmp.h>

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

NOINLINE void touch(int v);
NOINLINE void dive3(jmp_buf *env, int depth);
NOINLINE void dive2(jmp_buf *env, int depth);
NOINLINE void dive1(jmp_buf *env, int depth);
NOINLINE void escape(int v);

NOINLINE void touch(int v)
{
    shared = v;
}

NOINLINE void dive3(jmp_buf *env, int depth)
{
    longjmp(*env, depth);
}

NOINLINE void dive2(jmp_buf *env, int depth)
{
    dive3(env, depth + 1);
    NO_TAIL_CALL();
}

NOINLINE void dive1(jmp_buf *env, int depth)
{
    dive2(env, depth + 1);
    NO_TAIL_CALL();
}

NOINLINE void escape(int v)
{
    jmp_buf env;

    if (setjmp(env) == 0) {
        dive1(&env, 1);
        NO_TAIL_CALL();
    }
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
    pthread_t t1, t2;
    int id1 = 1, id2 = 2;

    pthread_create(&t1, NULL, worker, &id1); /* CREATE */
    pthread_create(&t2, NULL, worker, &id2); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
