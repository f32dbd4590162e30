// lock_rwlock_rdlock_writers_race: two threads both write `data` but each
// takes only the read lock (one after the other in real time, uninstr_sync).
// Read locks do not order readers with each other. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 31
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int first_done;

static void *first(void *arg)
{
    pthread_rwlock_rdlock(&rw);
    data = 1; /* RACY */
    pthread_rwlock_unlock(&rw);
    crace_test_signal(&first_done);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&first_done);
    pthread_rwlock_rdlock(&rw);
    data = 2; /* RACY */
    pthread_rwlock_unlock(&rw);
    return arg;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, first, NULL);  /* CREATE */
    pthread_create(&b, NULL, second, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
