// libc_memcpy_dst_race: T1 memcpy()s into a shared buffer (size known only
// at run time); T2 then reads one byte of the buffer with no
// synchronization. memcpy writes its whole destination range: race.
// uninstr_sync makes T1 copy first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 27 38
// RACE-FUNCS: copier reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char shared[100];
static volatile size_t len = 77;
static int copied;

static void *copier(void *arg)
{
    char src[100];

    for (int i = 0; i < 100; i++)
        src[i] = (char)i;
    memcpy(shared, src, len);
    crace_test_signal(&copied);
    return arg;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&copied);
    seen = shared[70];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, copier, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
