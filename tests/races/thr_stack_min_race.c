// thr_stack_min_race: two threads on PTHREAD_STACK_MIN (16 KiB) stacks write
// `shared` in turn (real-time order from uninstr_sync, no happens-before).
// glibc refuses a stack smaller than guard + static TLS + 2 KiB, so the
// runtime's own static TLS must stay small for the threads to exist at all.
// Both creations must succeed and the race be reported.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 35
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

long shared; /* long: alone in its 8-byte shadow granule */
static int first_done;

static void *first(void *arg)
{
    char buf[512];

    snprintf(buf, sizeof buf, "%ld", (long)arg);
    shared = buf[0]; /* RACY */
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    shared = 2; /* RACY */
    return arg;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t a, b;

    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN) != 0)
        return 3;
    if (pthread_create(&a, &attr, first, NULL) != 0) /* CREATE */
        return 4;
    if (pthread_create(&b, &attr, second, NULL) != 0) /* CREATE */
        return 5;
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_attr_destroy(&attr);
    return 0;
}
