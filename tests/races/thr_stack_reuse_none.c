// thr_stack_reuse_none: 20 workers run in turn on one user stack
// (pthread_attr_setstack), passing their locals' addresses to other functions;
// each is joined by a helper thread, not main, so one worker's stack accesses
// do not happen-before the next's. A new thread's stack is fresh. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#if defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE __attribute__((noinline, noipa))
#endif

#define ROUNDS 20
#define LOCALS 256
#define STACK_SIZE (1024 * 1024)

static pthread_t workers[ROUNDS];
static long sums[ROUNDS];
static int reaped[ROUNDS];

NOINLINE int fill_and_sum(int *buf, int n, int seed);

NOINLINE int fill_and_sum(int *buf, int n, int seed)
{
    int sum = 0;

    for (int i = 0; i < n; i++)
        buf[i] = seed + i;
    for (int i = 0; i < n; i++)
        sum += buf[i];
    return sum;
}

static void *worker(void *arg)
{
    int locals[LOCALS];
    int seed = (int)(long)arg;
    long sum = fill_and_sum(locals, LOCALS, seed);

    sum += fill_and_sum(&seed, 1, 1);
    return (void *)sum;
}

static void *reaper(void *arg)
{
    long r = (long)arg;
    void *ret = NULL;

    pthread_join(workers[r], &ret);
    sums[r] = (long)ret;
    crace_test_signal(&reaped[r]);
    return NULL;
}

int main(void)
{
    pthread_t reapers[ROUNDS];
    pthread_attr_t attr;
    void *stack = NULL;
    long want = 0;
    int bad = 0;

    if (posix_memalign(&stack, 4096, STACK_SIZE) != 0)
        return 2;
    pthread_attr_init(&attr);
    if (pthread_attr_setstack(&attr, stack, STACK_SIZE) != 0)
        return 2;
    for (long r = 0; r < ROUNDS; r++) {
        if (pthread_create(&workers[r], &attr, worker, (void *)r) != 0) /* CREATE */
            return 3;
        pthread_create(&reapers[r], NULL, reaper, (void *)r); /* CREATE */
        crace_test_wait(&reaped[r]);
    }
    for (long r = 0; r < ROUNDS; r++) {
        pthread_join(reapers[r], NULL);
        want = LOCALS * r + LOCALS * (LOCALS - 1) / 2 + 1;
        bad += sums[r] != want;
    }
    pthread_attr_destroy(&attr);
    free(stack);
    return bad == 0 ? 0 : 1;
}
