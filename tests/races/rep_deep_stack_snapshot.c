// rep_deep_stack_snapshot: the writer recurses 200 calls deep, then writes
// 40000 fresh words there, more than its history holds (history_size=0), so
// the oldest history part left starts at that depth and its snapshot keeps
// only the innermost 128 frames. The racy write three calls further down
// must be shown with those frames and a line saying how many outer frames
// were not recorded.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 32 34
// RACE-ACCESS: read write
// RACE-STACK: leaf inner3 inner2 inner1
// STDERR-HAS:   ... 74 outer frames not recorded
// ENV: CRACE_OPTIONS=history_size=0
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

#define DEPTH 200
#define FILL 40000

static long target;
static long sink;
static long fill[FILL]; /* the writer only */
static int written;

static __attribute__((noinline)) void leaf(int write)
{
    if (write)
        target = 1; /* RACY */
    else
        sink = target; /* RACY */
}
static __attribute__((noinline)) void inner3(int write)
{
    leaf(write);
}
static __attribute__((noinline)) void inner2(int write)
{
    inner3(write);
}
static __attribute__((noinline)) void inner1(int write)
{
    inner2(write);
}

/* Not a tail call: the frames stay. */
static __attribute__((noinline)) void rec(int n)
{
    if (n == 0) {
        for (long i = 0; i < FILL; i++)
            ((volatile long *)fill)[i] = i; /* one history event each: fresh memory */
        inner1(1);
    } else {
        rec(n - 1);
    }
    fill[n]++;
}

static void *writer(void *arg)
{
    rec(DEPTH);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    crace_test_wait(&written);
    inner1(0);
    inner1(0);
    return arg;
}

int main(void)
{
    pthread_t w, r;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("%ld %ld\n", sink, fill[0]);
    return 0;
}
