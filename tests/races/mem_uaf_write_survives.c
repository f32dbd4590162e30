// mem_uaf_write_survives: T1 frees eight small blocks; T2, not ordered
// after the frees, scribbles over the first two words of each (where
// glibc keeps its free-list links); then T1 allocates and frees more and
// exits. The writes race with the frees (one report: one pair of lines).
// Freed blocks wait in the quarantine instead of going straight back to
// glibc, so the scribbles do not corrupt glibc's lists: the program runs
// to its end after the report (without the quarantine glibc aborts at
// T1's exit: "unaligned tcache chunk detected").
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 30 37
// RACE-FUNCS: owner scribbler
// RACE-ACCESS: write write
// STDERR-HAS: by thread T1 (free):
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define N 8

static long *blocks[N]; /* written before T2 exists */
static int freed, scribbled;

static void scribble(long *p)
{
    p[0] = p[1] = 0x1234567; /* RACY */
}

static void *owner(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++)
        free(blocks[i]); /* RACY */
    crace_test_signal(&freed);
    crace_test_wait(&scribbled);
    for (int i = 0; i < 10; i++)
        free(malloc(48));
    return NULL;
}

static void *scribbler(void *arg)
{
    (void)arg;
    crace_test_wait(&freed);
    for (int i = 0; i < N; i++)
        scribble(blocks[i]);
    crace_test_signal(&scribbled);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    for (int i = 0; i < N; i++) {
        blocks[i] = malloc(48);
        if (!blocks[i])
            return 1;
        blocks[i][0] = i;
    }
    pthread_create(&t1, NULL, owner, NULL);     /* CREATE */
    pthread_create(&t2, NULL, scribbler, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int i = 0; i < 100; i++)
        free(malloc(48));
    puts("survived");
    return 0;
}
