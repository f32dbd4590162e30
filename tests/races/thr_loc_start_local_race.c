// thr_loc_start_local_race: a local variable of T1's start routine (so near
// the top of T1's stack, right below its static TLS) is published to T2
// through a pointer; T1 writes it, T2 writes it later (uninstr_sync), with
// no happens-before. The location is T1's stack, not its TLS.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 28 39
// RACE-ACCESS: write write
// STDERR-HAS: Location is stack of thread T1
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static long *published; /* handed over with release/acquire atomics */
static int ready, second_done, owner_wrote;

static void *owner(void *arg)
{
    long local = 0;

    __atomic_store_n(&published, &local, __ATOMIC_RELEASE);
    crace_test_signal(&ready);
    crace_test_wait(&second_done);
    /* the write below follows T2's write in real time */
    __asm__ __volatile__("" ::: "memory");
    local = 2; /* RACY */
    crace_test_signal(&owner_wrote); /* opaque: the store above must happen */
    return (void *)(local + (long)arg);
}

static void *other(void *arg)
{
    long *p;

    crace_test_wait(&ready);
    p = __atomic_load_n(&published, __ATOMIC_ACQUIRE);
    *p = 1; /* RACY */
    crace_test_signal(&second_done);
    return arg;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, owner, NULL); /* CREATE */
    pthread_create(&b, NULL, other, NULL); /* CREATE */
    pthread_join(b, NULL);
    pthread_join(a, NULL);
    return 0;
}
