// thr_clockjoin_many_none: four workers each fill their own slot of a shared
// array; main joins them with pthread_clockjoin_np on CLOCK_REALTIME (long
// deadline) and then sums every slot. Each successful clock join orders that
// worker's writes before main's reads. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <pthread.h>
#include <time.h>

#define WORKERS 4

long slots[WORKERS][8];

static void *worker(void *arg)
{
    long i = (long)arg;

    for (int k = 0; k < 8; k++)
        slots[i][k] = i * 10 + k;
    return arg;
}

int main(void)
{
    pthread_t t[WORKERS];
    struct timespec deadline;
    void *ret;
    long sum = 0;

    for (long i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 30;
    for (int i = 0; i < WORKERS; i++)
        if (pthread_clockjoin_np(t[i], &ret, CLOCK_REALTIME, &deadline) != 0 || (long)ret != i)
            return 2;
    for (int i = 0; i < WORKERS; i++)
        for (int k = 0; k < 8; k++)
            sum += slots[i][k];
    return sum == 4 * 28 + 8 * 60 ? 0 : 1;
}
