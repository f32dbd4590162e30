// two_races: two threads race on two different ints, at two different pairs
// of source lines, so crace prints two reports and "Found 2 data race(s)".
// T1 does both its writes first (ordered through uninstr_sync, invisible to
// crace). alpha and beta sit in different 64-byte blocks so that the two
// races never share a shadow word (LLVM's TSan, for one, drops a second race
// inside an 8-byte word it already reported).
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 36 26
// RACE-LINES: 37 27
// RACE-FUNCS: first second
// STDERR-HAS: Found 2 data race(s)
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

_Alignas(64) int alpha;
_Alignas(64) int beta;
static int first_done;

static void *first(void *arg)
{
    (void)arg;
    alpha = 1;
    beta = 1;
    crace_test_signal(&first_done);
    return NULL;
}

static void *second(void *arg)
{
    (void)arg;
    crace_test_wait(&first_done);
    alpha = 2;
    beta = 2;
    return NULL;
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
