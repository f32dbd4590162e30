// shared_lib: the racy write is inside lib_set() in a shared library
// (shared_lib_impl.c, built with crace-cc -shared -fPIC). The report's
// stacks must show lib_set() with its file:line in the library, and
// worker() in the executable below it. T1 calls it first (ordered through
// uninstr_sync, invisible to crace).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: shared_lib_impl.c:10 shared_lib_impl.c:10
// RACE-STACK: lib_set worker
// RACE-ACCESS: write write
// LINK: uninstr_sync
// LINK-SHARED: shared_lib_impl.c
#include <pthread.h>

#include "uninstr_sync.h"

void lib_set(int v);

static int first_done;

static void *worker(void *arg)
{
    int id = *(int *)arg;

    if (id == 2)
        crace_test_wait(&first_done);
    lib_set(id);
    if (id == 1)
        crace_test_signal(&first_done);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int id1 = 1, id2 = 2;

    pthread_create(&t1, NULL, worker, &id1); /* CREATE */
    pthread_create(&t2, NULL, worker, &id2); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
