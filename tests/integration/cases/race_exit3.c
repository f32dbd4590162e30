// race_exit3: a program with a race whose main returns 3. Races found win:
// the process must exit with 66, not 3. T1 writes first (ordered through
// uninstr_sync, invisible to crace).
//
// EXPECT: race
// REPORTS: 1
// EXIT: 66
// RACE-LINES: 30 21
// RACE-ACCESS: write write
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
    (void)arg;
    crace_test_wait(&first_done);
    shared = 2;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 3;
}
