// atom_release_visible_first_rmw: atom_release_visible_first with
// a release read-modify-write: its clock is published together
// with its value, never before it. T1 writes the payload and bumps
// the flag with an acq_rel fetch_add; the flag sits alone on a
// page T1 made read-only, so the write faults and T1's SIGSEGV handler
// lets T2 run (uninstr_sync) before it makes the page writable again. T2
// acquire-loads the flag, still 0, and reads the payload: nothing orders
// that after T1's write. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 52
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
    atomic_fetch_add_explicit(&page[0], 1, memory_order_acq_rel);
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
