// nested: the racy write happens two calls below the thread function
// (worker -> middle -> leaf). Both stacks of the report must show all three
// frames, innermost first. The helpers are kept out of line and middle()
// does not tail-call leaf(), so the frames exist at every -O level.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 32
// RACE-STACK: leaf middle worker
// LINK: uninstr_sync
#include <pthread.h>

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

NOINLINE void leaf(int *p, int v);
NOINLINE void middle(int *p, int v);

NOINLINE void leaf(int *p, int v)
{
    *p = v;
}

NOINLINE void middle(int *p, int v)
{
    leaf(p, v + 1);
    NO_TAIL_CALL();
}

static void *worker(void *arg)
{
    int id = *(int *)arg;

    if (id == 2)
        crace_test_wait(&first_done);
    middle(&shared, id);
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
