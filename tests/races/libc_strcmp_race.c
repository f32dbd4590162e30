// libc_strcmp_race: two equal strings; T1 stores into byte 2 of the first
// (keeping it equal); T2 then strcmp()s them with no synchronization.
// strcmp reads both strings up to the terminator, byte 2 included: race.
// uninstr_sync makes T1 write first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 33
// RACE-FUNCS: writer comparer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char a[16] = "abcdef", b[16] = "abcdef";
static int written;

static void *writer(void *arg)
{
    a[2] = 'c';
    crace_test_signal(&written);
    return arg;
}

static void *comparer(void *arg)
{
    long order;

    (void)arg;
    crace_test_wait(&written);
    order = strcmp(a, b);
    return (void *)order;
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
