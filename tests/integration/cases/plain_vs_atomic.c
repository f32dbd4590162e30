// plain_vs_atomic: T1 increments an int with an atomic read-modify-write,
// then T2 resets it with a plain store. Mixing atomic and non-atomic
// accesses to the same location is a race. T1 goes first (ordered through
// uninstr_sync, invisible to crace), so the plain store is the current
// access and the atomic one the previous access.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 24
// RACE-FUNCS: reset bump
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

int hits;
static int bump_done;

static void *bump(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        __atomic_fetch_add(&hits, 1, __ATOMIC_SEQ_CST);
    crace_test_signal(&bump_done);
    return NULL;
}

static void *reset(void *arg)
{
    (void)arg;
    crace_test_wait(&bump_done);
    hits = 0;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, bump, NULL);  /* CREATE */
    pthread_create(&t2, NULL, reset, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("hits = %d\n", hits);
    return 0;
}
