// thr_loc_tls_race: __thread variables are per thread, but their addresses
// can be shared. T1 publishes the address of its own `tls_counter`, main
// publishes the address of its `tls_other`; each side then writes the other
// thread's variable while the owner writes it too (uninstr_sync orders them
// in real time only). Two races: one on T1's TLS, one on main's TLS.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 32 48
// RACE-LINES: 53 35
// STDERR-HAS: Location is TLS of thread T1
// STDERR-HAS: Location is TLS of main thread
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static __thread long tls_counter;
static __thread long tls_other[4];
static long *t1_var;   /* addresses handed over with release/acquire */
static long *main_var; /* atomics: only the later writes race */
static int published, main_wrote, t1_wrote;

static void *worker(void *arg)
{
    long *mine = &tls_counter;

    __atomic_store_n(&t1_var, mine, __ATOMIC_RELEASE);
    crace_test_signal(&published);
    crace_test_wait(&main_wrote);
    __asm__ __volatile__("" ::: "memory");
    *mine = 2; /* RACY */
    while (!__atomic_load_n(&main_var, __ATOMIC_ACQUIRE))
        ;
    main_var[1] = 3; /* RACY */
    crace_test_signal(&t1_wrote);
    return arg;
}

int main(void)
{
    pthread_t t;
    long *theirs;

    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&published);
    theirs = __atomic_load_n(&t1_var, __ATOMIC_ACQUIRE);
    *theirs = 1; /* RACY */
    __atomic_store_n(&main_var, tls_other, __ATOMIC_RELEASE);
    crace_test_signal(&main_wrote);
    crace_test_wait(&t1_wrote);
    __asm__ __volatile__("" ::: "memory");
    tls_other[1] = 4; /* RACY */
    pthread_join(t, NULL);
    return 0;
}
