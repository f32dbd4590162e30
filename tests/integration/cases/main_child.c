// main_child: the main thread and a child thread write the same int. The
// child writes first (ordered through uninstr_sync, invisible to crace), so
// the current access is by the main thread: the report says "by main
// thread:" and has a "created at" block for T1 only.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 34 23
// RACE-FUNCS: main child
// RACE-ACCESS: write write
// STDERR-HAS: by main thread:
// STDERR-HAS: by thread T1:
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

int shared;
static int child_done;

static void *child(void *arg)
{
    shared = 1;
    crace_test_signal(&child_done);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    crace_test_wait(&child_done);
    shared = 2;
    pthread_join(t, NULL);
    return 0;
}
