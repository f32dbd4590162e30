// thr_stack_reuse_race: as thr_stack_reuse_none (workers one after another
// on one user stack, unordered with each other), then a last worker on that
// stack shares a local with a child and writes it after pthread_create while
// the child reads it. Only that real race is reported.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 58 68
// RACE-ACCESS: read write
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

static pthread_t workers[ROUNDS + 1];
static int reaped[ROUNDS + 1];
static int boxed;

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

static void *peek(void *arg)
{
    long v;

    crace_test_wait(&boxed);
    v = *(long *)arg; /* RACY */
    return (void *)(long)v;
}

static void *last_worker(void *arg)
{
    long box = 0; /* long: alone in its 8-byte shadow granule */
    pthread_t t;

    pthread_create(&t, NULL, peek, &box); /* CREATE */
    box = 42; /* RACY */
    crace_test_signal(&boxed);
    pthread_join(t, NULL);
    return arg;
}

static void *reaper(void *arg)
{
    long r = (long)arg;

    pthread_join(workers[r], NULL);
    crace_test_signal(&reaped[r]);
    return NULL;
}

int main(void)
{
    pthread_t reapers[ROUNDS + 1];
    pthread_attr_t attr;
    void *stack = NULL;

    if (posix_memalign(&stack, 4096, STACK_SIZE) != 0)
        return 2;
    pthread_attr_init(&attr);
    if (pthread_attr_setstack(&attr, stack, STACK_SIZE) != 0)
        return 2;
    for (long r = 0; r <= ROUNDS; r++) {
        void *(*fn)(void *) = r < ROUNDS ? worker : last_worker;

        if (pthread_create(&workers[r], &attr, fn, (void *)r) != 0) /* CREATE */
            return 3;
        pthread_create(&reapers[r], NULL, reaper, (void *)r); /* CREATE */
        crace_test_wait(&reaped[r]);
    }
    for (long r = 0; r <= ROUNDS; r++)
        pthread_join(reapers[r], NULL);
    pthread_attr_destroy(&attr);
    free(stack);
    return 0;
}
