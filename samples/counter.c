/*
 * counter.c - the classic data race: two threads increment a shared counter
 * with no synchronization, so increments can be lost.
 *
 * Build and run it under crace (from the top of the source tree):
 *
 *     <build>/bin/crace-cc -g samples/counter.c -o counter
 *     ./counter
 *
 * (set CRACE_CC=clang to compile with clang instead of gcc). crace prints a
 * race report naming inc() and this file, and the program exits with status
 * 66. counter_mutex.c and counter_atomic.c show two ways to fix it.
 */
#include <pthread.h>
#include <stdio.h>

int counter;

static void *inc(void *arg)
{
    (void)arg;
    counter++; /* a read and a write, unordered with the other thread's */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, inc, NULL);
    pthread_create(&t2, NULL, inc, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", counter);
    return 0;
}
