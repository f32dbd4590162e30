// ann_thread_name: a thread names itself with crace_thread_name("worker") and
// then races with main; the report names it (thread T1 "worker"). No function
// or variable here carries that word, so it can only come from the name.
// Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 22
// STDERR-HAS: worker
// LINK: uninstr_sync
#include <pthread.h>

#include "crace.h"
#include "uninstr_sync.h"

int jobs;
static int named_done;

static void *named(void *arg)
{
    crace_thread_name("worker");
    jobs = 1;
    crace_test_signal(&named_done);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, named, NULL); /* CREATE */
    crace_test_wait(&named_done);
    jobs = 2;
    pthread_join(t, NULL);
    return 0;
}
