// ann_dyn_thread_name: a thread names itself with
// AnnotateThreadName(__FILE__, __LINE__, "pool-7") and then races with main;
// the report carries that name. Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 22
// STDERR-HAS: pool-7
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

void AnnotateThreadName(const char *file, int line, const char *name);

int jobs;
static int named_done;

static void *named(void *arg)
{
    AnnotateThreadName(__FILE__, __LINE__, "pool-7");
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
