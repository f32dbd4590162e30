// mem_strdup_race: T1 makes copies with strdup and strndup and passes the
// pointers to T2 through relaxed atomics (no happens-before). strdup and
// strndup write the new block; T2's reads of the copies race with those
// writes. uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 24 42
// RACE-LINES: 25 43
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "uninstr_sync.h"

static const char text[] = "a string long enough for a real heap chunk";
static char *dup_copy, *ndup_copy; /* passed with relaxed atomics */
static int copied;

static void *first(void *arg)
{
    char *d = strdup(text);
    char *n = strndup(text, 20);

    __atomic_store_n(&dup_copy, d, __ATOMIC_RELAXED);
    __atomic_store_n(&ndup_copy, n, __ATOMIC_RELAXED);
    crace_test_signal(&copied);
    return arg;
}

static void *second(void *arg)
{
    char *d, *n;
    long sum;

    (void)arg;
    crace_test_wait(&copied);
    d = __atomic_load_n(&dup_copy, __ATOMIC_RELAXED);
    n = __atomic_load_n(&ndup_copy, __ATOMIC_RELAXED);
    sum = d[3];
    sum += n[3];
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(dup_copy);
    free(ndup_copy);
    return 0;
}
