// vec_sum_fixed_race: a reader sums an 8-element table in a plain loop and,
// after it in real time (uninstr_sync), a writer stores one element:
// nothing orders the two. clang -O2 turns the fixed-size sum into a single
// 64-byte load, wider than the 16 bytes its tsan pass checks: crace-cc keeps
// clang from doing that, so the read is checked. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 23
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long table[8];
static int read_done;

__attribute__((noinline)) static long sum_table(void)
{
    long sum = 0;
    for (int i = 0; i < 8; i++)
        sum += table[i]; /* RACY */
    return sum;
}

static void *reader(void *arg)
{
    (void)arg;
    long sum = sum_table();
    crace_test_signal(&read_done);
    return (void *)sum;
}

static void *writer(void *arg)
{
    crace_test_wait(&read_done);
    table[5] = (long)arg; /* RACY */
    return 0;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, reader, NULL);       /* CREATE */
    pthread_create(&b, NULL, writer, (void *)7L); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return table[5] == 7 ? 0 : 1;
}
