// vec_avx2_loop_race: a reader sums a 4096-element array in a loop compiled
// for AVX2 (where the CPU has it), and after it in real time (uninstr_sync)
// a writer fills the array: nothing orders the two. With AVX2, clang
// vectorizes the loop body into 32-byte loads, wider than the 16 bytes its
// tsan pass checks; crace-cc keeps clang's vectors at 16 bytes, so the loads
// are checked. On a CPU without AVX2 the same loop runs in plain code. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 50 27
// RACE-ACCESS: write read
// RACE-FUNCS: sum_avx2 fill
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define N 4096

long data[N];
static int read_done;

__attribute__((noinline, target("avx2"))) static long sum_avx2(void)
{
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += data[i]; /* RACY */
    return sum;
}

__attribute__((noinline)) static long sum_plain(void)
{
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += data[i];
    return sum;
}

static void *reader(void *arg)
{
    (void)arg;
    long sum = __builtin_cpu_supports("avx2") ? sum_avx2() : sum_plain();
    crace_test_signal(&read_done);
    return (void *)sum;
}

__attribute__((noinline)) static void fill(long v)
{
    for (int i = 0; i < N; i++)
        data[i] = v + i; /* RACY */
}

static void *writer(void *arg)
{
    crace_test_wait(&read_done);
    fill((long)arg);
    return 0;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, reader, NULL);       /* CREATE */
    pthread_create(&b, NULL, writer, (void *)7L); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return data[5] == 12 ? 0 : 1;
}
