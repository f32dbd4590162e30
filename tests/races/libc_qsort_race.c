// libc_qsort_race: T1 sorts a shared array with qsort(), which moves the
// elements inside libc: a write of the whole array at T1's call; T2 then
// reads an element with no synchronization: race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 29 38
// RACE-FUNCS: sorter reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static long values[16] = {9, 3, 7, 1, 8, 2, 6, 4, 5, 0, 15, 11, 13, 12, 10, 14};
static int sorted;

static int ascending(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return (x > y) - (x < y);
}

static void *sorter(void *arg)
{
    (void)arg;
    qsort(values, 16, sizeof values[0], ascending); /* RACY */
    crace_test_signal(&sorted);
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    crace_test_wait(&sorted);
    return (void *)values[3]; /* RACY */
}

int main(void)
{
    pthread_t t1, t2;
    void *v;

    pthread_create(&t1, NULL, sorter, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &v);
    return v == (void *)3L ? 0 : 1;
}
