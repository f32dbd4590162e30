// rep_pairs_loop: in lockstep for 2000 rounds, the writer writes `shared`
// at one of two lines (alternating) and the reader then reads it at one
// line. The reader hands each round back with an atomic release that the
// writer acquires, so the writes are ordered after the earlier reads, but
// nothing orders a write before the read that follows it (real-time order
// from uninstr_sync). Both start a new epoch every round, so every read is
// checked again: two distinct pairs of lines, found by the same read (same
// pc, granule, thread) thousands of times, each reported once.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 59 31
// RACE-LINES: 59 36
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#include "uninstr_sync.h"

#define ROUNDS 2000

static long shared;
static long sum;
static int wrote[ROUNDS];     /* uninstrumented handshakes only */
static int read_done[ROUNDS]; /* atomics: the writer acquires what the reader released */

static __attribute__((noinline)) void write_odd(long v)
{
    shared = v; /* RACY */
}

static __attribute__((noinline)) void write_even(long v)
{
    shared = -v; /* RACY */
}

static void *writer(void *arg)
{
    pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;

    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&own); /* a new epoch each round */
        pthread_mutex_unlock(&own);
        if (i & 1)
            write_odd(i);
        else
            write_even(i);
        crace_test_signal(&wrote[i]);
        while (!__atomic_load_n(&read_done[i], __ATOMIC_ACQUIRE))
            sched_yield();
    }
    return arg;
}

static __attribute__((noinline)) void read_once(void)
{
    sum += shared; /* RACY */
}

static void *reader(void *arg)
{
    pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;

    for (int i = 0; i < ROUNDS; i++) {
        crace_test_wait(&wrote[i]);
        pthread_mutex_lock(&own);
        pthread_mutex_unlock(&own);
        read_once();
        __atomic_store_n(&read_done[i], 1, __ATOMIC_RELEASE);
    }
    return arg;
}

int main(void)
{
    pthread_t w, r;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("%ld\n", sum);
    return 0;
}
