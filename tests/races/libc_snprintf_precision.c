// libc_snprintf_precision: T1 writes byte 5 of a shared string; T2 then
// formats it with "%.3s" (and the positional "%1$.4s"), which read bytes
// 0-2 (0-3) only, the terminator not reached. The accesses do not overlap.
// No race. (uninstr_sync only fixes the order; crace cannot see it.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static _Alignas(8) char text[16] = "abcdefg";
static int written;

static void *writer(void *arg)
{
    text[5] = 'F';
    crace_test_signal(&written);
    return arg;
}

static void *formatter(void *arg)
{
    char out[32];
    int n;

    (void)arg;
    crace_test_wait(&written);
    n = snprintf(out, sizeof out, "[%.3s]", text);
    n += snprintf(out, sizeof out, "[%1$.4s|%1$.2s]", text);
    return (void *)(long)n;
}

int main(void)
{
    pthread_t t1, t2;
    void *n;

    pthread_create(&t1, NULL, writer, NULL);    /* CREATE */
    pthread_create(&t2, NULL, formatter, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &n);
    return n == (void *)14L ? 0 : 1;
}
