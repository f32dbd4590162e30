// thr_tsd_dtor_race: the child's thread-specific-data destructor writes
// `released` at thread exit; main reads it after that in real time
// (uninstr_sync) but before pthread_join. Race, in the destructor's frame.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 47
// RACE-ACCESS: read write
// RACE-FUNCS: destructor
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

long released; /* long: alone in its 8-byte shadow granule */
static pthread_key_t key;
static int destroyed;

static void destructor(void *p)
{
    released = *(int *)p; /* RACY */
    free(p);
    crace_test_signal(&destroyed);
}

static void *child(void *arg)
{
    int *v = malloc(sizeof *v);

    if (!v)
        abort();
    *v = 42;
    pthread_setspecific(key, v);
    return arg;
}

int main(void)
{
    pthread_t t;
    int v;

    if (pthread_key_create(&key, destructor) != 0)
        return 2;
    pthread_create(&t, NULL, child, NULL); /* CREATE */
    crace_test_wait(&destroyed);
    v = released; /* RACY */
    pthread_join(t, NULL);
    return v == 42 ? 0 : 1;
}
