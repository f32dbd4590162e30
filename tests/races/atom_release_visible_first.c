// atom_release_visible_first: a release store publishes its clock together
// with its value, never before it. T1 writes the payload and release-stores
// the flag, which sits alone on a page T1 made read-only: the store faults,
// and T1's SIGSEGV handler lets T2 run (uninstr_sync) before it makes the
// page writable again. T2 acquire-loads the flag, still 0 (it reads the
// value from before T1's store), and reads the payload: nothing orders
// that after T1's write. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 51
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "uninstr_sync.h"

#define PAGE 4096

static long payload;
static _Alignas(PAGE) atomic_int page[PAGE / sizeof(atomic_int)];
static int faulted, read_done;

static void on_fault(int sig, siginfo_t *info, void *ctx)
{
    (void)sig, (void)info, (void)ctx;
    crace_test_signal(&faulted);
    crace_test_wait(&read_done);
    mprotect(page, PAGE, PROT_READ | PROT_WRITE);
}

static void *producer(void *arg)
{
    payload = 42; /* RACY */
    mprotect(page, PAGE, PROT_READ);
    atomic_store_explicit(&page[0], 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&faulted);
    if (atomic_load_explicit(&page[0], memory_order_acquire) == 0)
        seen = payload; /* RACY */
    crace_test_signal(&read_done);
    return (void *)seen;
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_fault, .sa_flags = SA_SIGINFO};
    pthread_t t1, t2;

    sigaction(SIGSEGV, &sa, NULL);
    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return atomic_load(&page[0]) == 1 ? 0 : 1;
}
