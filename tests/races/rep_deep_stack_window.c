// rep_deep_stack_window: the writer recurses 300 calls deep and writes
// `target` three distinct calls further down; its history still holds the
// whole descent, so replay sees 306 call frames, more than the 256 a rebuilt
// stack keeps. The report must show the innermost frames (leaf, inner3,
// inner2, inner1, then rec...) and say how many outer ones are missing.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 29 31
// RACE-ACCESS: read write
// RACE-STACK: leaf inner3 inner2 inner1
// STDERR-HAS:   ... 50 outer frames not recorded
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

#define DEPTH 300

static long target;
static long sink;
static long unwound; /* the writer only */
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
    if (n == 0)
        inner1(1);
    else
        rec(n - 1);
    unwound++;
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
    return arg;
}

int main(void)
{
    pthread_t w, r;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("%ld %ld\n", sink, unwound);
    return 0;
}
