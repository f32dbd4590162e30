// libc_memcmp_race: T1 stores into byte 40 of a buffer; T2 then compares
// the buffer with an equal one using memcmp(.., 64), no synchronization.
// The buffers are equal up to byte 40, so memcmp reads it whatever its
// early exit: race. uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 34
// RACE-FUNCS: writer comparer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char a[64], b[64];
static volatile size_t len = 64;
static int written;

static void *writer(void *arg)
{
    a[40] = 0;
    crace_test_signal(&written);
    return arg;
}

static void *comparer(void *arg)
{
    long differ;

    (void)arg;
    crace_test_wait(&written);
    differ = memcmp(a, b, len) != 0;
    return (void *)differ;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL);   /* CREATE */
    pthread_create(&t2, NULL, comparer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
