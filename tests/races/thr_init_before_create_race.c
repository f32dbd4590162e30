// thr_init_before_create_race: main fills `table` before it starts two
// workers, so both are ordered after those writes. A then reads the table
// and, after it in real time (uninstr_sync), B writes table[3]: nothing
// orders the two. Main's cells are still in the granules; B's write must
// find A's read beside them. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 36 28
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long table[8]; /* longs: one 8-byte shadow granule each */
static int read_done;

/* Volatile loads, one element at a time: clang -O2 turns a plain loop over
 * the table into vector loads its TSan pass leaves unchecked
 * (ThreadSanitizer misses the race then too). */
static void *reader(void *arg)
{
    long sum = 0;

    (void)arg;
    for (int i = 0; i < 8; i++)
        sum += ((volatile long *)table)[i]; /* RACY */
    crace_test_signal(&read_done);
    return (void *)sum;
}

static void *writer(void *arg)
{
    crace_test_wait(&read_done);
    table[3] = (long)arg; /* RACY */
    return 0;
}

int main(void)
{
    pthread_t a, b;

    for (int i = 0; i < 8; i++)
        table[i] = i;
    pthread_create(&a, NULL, reader, NULL);       /* CREATE */
    pthread_create(&b, NULL, writer, (void *)7L); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return table[3] == 7 ? 0 : 1;
}
