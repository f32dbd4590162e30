// lock_rwlock_trylock_busy_race: W writes `data` under the write lock,
// unlocks and write-locks again; R's pthread_rwlock_tryrdlock fails (EBUSY)
// and R reads `data` anyway. A failed try-lock acquires nothing, not even
// the earlier unlock. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 40
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>

#include "uninstr_sync.h"

long data; /* long: alone in its 8-byte shadow granule */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int held;
static int done;

static void *writer(void *arg)
{
    pthread_rwlock_wrlock(&rw);
    data = 42; /* RACY */
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw);
    crace_test_signal(&held);
    crace_test_wait(&done);
    pthread_rwlock_unlock(&rw);
    return arg;
}

static void *reader(void *arg)
{
    int rc;
    int v;

    crace_test_wait(&held);
    rc = pthread_rwlock_tryrdlock(&rw);
    v = data; /* RACY */
    if (rc == 0)
        pthread_rwlock_unlock(&rw);
    crace_test_signal(&done);
    return (void *)(long)(rc == EBUSY ? v : -1);
}

int main(void)
{
    pthread_t w, r;
    void *ret = NULL;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, &ret);
    return (long)ret == 42 ? 0 : 1;
}
