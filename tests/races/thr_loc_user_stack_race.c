// thr_loc_user_stack_race: T1 runs on a stack the program mapped itself
// (pthread_attr_setstack); glibc puts T1's static TLS and descriptor at the
// top of that block. T1 publishes the address of a local and of its
// __thread variable (release/acquire), then main and T1 both write each
// (uninstr_sync orders them in real time only). Two races: the local is
// T1's stack, the __thread variable T1's TLS.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 34 53
// RACE-LINES: 35 54
// STDERR-HAS: Location is stack of thread T1
// STDERR-HAS: Location is TLS of thread T1
// LINK: uninstr_sync
#include <pthread.h>
#include <sys/mman.h>

#include "uninstr_sync.h"

#define STACK (256 * 1024)

static __thread long tls_var[2];
static long *local_addr, *tls_addr; /* handed over with release/acquire */
static int main_wrote, t1_wrote;

static void *worker(void *arg)
{
    long local = 0;

    __atomic_store_n(&local_addr, &local, __ATOMIC_RELEASE);
    __atomic_store_n(&tls_addr, &tls_var[1], __ATOMIC_RELEASE);
    crace_test_wait(&main_wrote);
    __asm__ __volatile__("" ::: "memory");
    local = 2;      /* RACY */
    tls_var[1] = 2; /* RACY */
    crace_test_signal(&t1_wrote);
    return (void *)(local + (long)arg);
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t t;
    long *l, *v;
    void *stack = mmap(0, STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (stack == MAP_FAILED || pthread_attr_init(&attr) || pthread_attr_setstack(&attr, stack, STACK))
        return 3;
    pthread_create(&t, &attr, worker, NULL); /* CREATE */
    while (!(l = __atomic_load_n(&local_addr, __ATOMIC_ACQUIRE)) ||
           !(v = __atomic_load_n(&tls_addr, __ATOMIC_ACQUIRE)))
        ;
    *l = 1; /* RACY */
    *v = 1; /* RACY */
    crace_test_signal(&main_wrote);
    crace_test_wait(&t1_wrote);
    pthread_join(t, NULL);
    return 0;
}
