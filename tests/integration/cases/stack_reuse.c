// stack_reuse: 200 threads are created and joined one after another. Each
// writes and reads locals whose address escapes into another function, so
// the accesses really go to the thread's stack - memory that the C library
// recycles for the next thread. Create/join orders everything: a detector
// that kept the old thread's stack accesses would report a false race.
// No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>

#if defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE __attribute__((noinline, noipa))
#endif

#define THREADS 200
#define LOCALS 64

NOINLINE int fill_and_sum(int *buf, int n, int seed);

NOINLINE int fill_and_sum(int *buf, int n, int seed)
{
    int sum = 0;

    for (int i = 0; i < n; i++)
        buf[i] = seed + i;
    for (int i = 0; i < n; i++)
        sum += buf[i];
    return sum;
}

static void *worker(void *arg)
{
    int *result = arg;
    int locals[LOCALS];
    int extra = *result;

    *result = fill_and_sum(locals, LOCALS, extra) + fill_and_sum(&extra, 1, 1);
    return NULL;
}

int main(void)
{
    long total = 0;

    for (int i = 0; i < THREADS; i++) {
        pthread_t t;
        int result = i;

        if (pthread_create(&t, NULL, worker, &result) != 0)
            return 1;
        pthread_join(t, NULL);
        total += result;
    }
    printf("total = %ld\n", total);
    return 0;
}
