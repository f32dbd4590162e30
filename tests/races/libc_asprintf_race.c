// libc_asprintf_race: T1 builds a string with asprintf() and publishes it;
// T2 reads its first byte with no synchronization. asprintf wrote the new
// block (allocated inside libc, fresh memory) at T1's call: race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 39
// RACE-FUNCS: builder reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static char *built;
static int done;

static void *builder(void *arg)
{
    char *s;
    int n = asprintf(&s, "value=%d", 42); /* RACY */

    (void)arg;
    __atomic_store_n(&built, s, __ATOMIC_RELAXED);
    crace_test_signal(&done);
    return (void *)(long)n;
}

static void *reader(void *arg)
{
    char *s;

    (void)arg;
    crace_test_wait(&done);
    s = __atomic_load_n(&built, __ATOMIC_RELAXED);
    return (void *)(long)s[0]; /* RACY */
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, builder, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(built);
    return 0;
}
