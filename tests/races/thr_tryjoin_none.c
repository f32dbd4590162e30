// thr_tryjoin_none: main polls pthread_tryjoin_np (the first call fails with
// EBUSY: the child is held back) until it succeeds, then reads what the child
// wrote. A successful tryjoin orders like pthread_join. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "uninstr_sync.h"

int result;
static int go;

static void *child(void *arg)
{
    crace_test_wait(&go);
    result = 42;
    return arg;
}

int main(void)
{
    pthread_t t;
    int rc;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    if (pthread_tryjoin_np(t, NULL) != EBUSY)
        return 2;
    crace_test_signal(&go);
    while ((rc = pthread_tryjoin_np(t, NULL)) == EBUSY)
        sched_yield();
    if (rc != 0)
        return 3;
    return result == 42 ? 0 : 1;
}
