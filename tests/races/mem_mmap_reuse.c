// mem_mmap_reuse: T1 maps anonymous memory, writes all of it and unmaps it;
// then T2, ordered only by uninstr_sync, maps the same address range again
// (the old address as hint) and writes it. Fresh pages are new memory:
// nothing from the old mapping may race. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#include "uninstr_sync.h"

#define LEN (16 * 4096)

static int unmapped;
static void *old_map; /* passed with relaxed atomics */

static void *first(void *arg)
{
    long *m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED)
        return (void *)1;
    for (size_t i = 0; i < LEN / sizeof *m; i++)
        m[i] = (long)i;
    munmap(m, LEN);
    __atomic_store_n(&old_map, m, __ATOMIC_RELAXED);
    crace_test_signal(&unmapped);
    return arg;
}

static void *second(void *arg)
{
    void *want, *got;
    long *m;

    crace_test_wait(&unmapped);
    want = __atomic_load_n(&old_map, __ATOMIC_RELAXED);
    got = mmap(want, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (got == MAP_FAILED)
        return (void *)1;
    printf("same range: %s\n", got == want ? "yes" : "no");
    m = got;
    for (size_t i = 0; i < LEN / sizeof *m; i++)
        m[i] = -(long)i;
    munmap(m, LEN);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    void *r1, *r2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, &r1);
    pthread_join(t2, &r2);
    return r1 || r2;
}
