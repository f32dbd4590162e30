// write_write: two threads store to the same int, nothing else. T1's store
// happens first (ordered through uninstr_sync, invisible to crace), so the
// report is "Write ... by thread T2" with "Previous write ... by thread T1".
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 30
// RACE-FUNCS: first second
// RACE-ACCESS: write write
// STDERR-HAS: by thread T2:
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

int shared;
static int first_done;

static void *first(void *arg)
{
    (void)arg;
    shared = 1;
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    shared = 2;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
