// thr_tsd_dtor_create_race: as thr_tsd_dtor_create_none, but the
// destructor writes `after` once the new thread exists, and the new thread
// reads `after` (later in real time, uninstr_sync). Creation orders only
// what came before it. Race between the destructor and the new thread,
// which was created from the destructor.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 30
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_key_t key;
long after; /* long: alone in its 8-byte shadow granule */
static pthread_t second;
static int written;

static void *late(void *arg)
{
    crace_test_wait(&written);
    return (void *)(after + (long)arg); /* RACY */
}

static void dtor(void *p)
{
    pthread_create(&second, NULL, late, NULL); /* CREATE */
    after = (long)p; /* RACY */
    crace_test_signal(&written);
}

static void *first(void *arg)
{
    pthread_setspecific(key, (void *)5L);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_key_create(&key, dtor);
    pthread_create(&t, NULL, first, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_join(second, NULL);
    return 0;
}
