// libc_memcpy_src_race: T1 stores one byte into a shared buffer; T2 then
// memcpy()s the buffer out (size known only at run time) with no
// synchronization. memcpy reads its whole source range: race.
// uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 34
// RACE-FUNCS: writer copier
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char shared[100];
static volatile size_t len = 77;
static int written;

static void *writer(void *arg)
{
    shared[50] = 'x';
    crace_test_signal(&written);
    return arg;
}

static void *copier(void *arg)
{
    char dst[100];

    (void)arg;
    crace_test_wait(&written);
    memcpy(dst, shared, len);
    return (void *)(long)dst[50];
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, copier, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
