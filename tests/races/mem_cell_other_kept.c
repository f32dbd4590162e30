// mem_cell_other_kept: two threads share one granule. The reader reads its
// byte 7 first; then the owner stores bytes 0-6 one by one, each in a new
// epoch (mutex unlocks the reader never acquires), so the owner alone wants
// more cells than the granule has. The reader's cell must survive that:
// the owner's cells are combined, never the reader's evicted. The owner's
// final store to byte 7 races with the reader's read, and the reader's
// later store to byte 3 races with the owner's.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 44 27
// RACE-LINES: 30 41
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int read_done, owner_done;

static void *reader(void *arg)
{
    char *p = (char *)&g;
    int v;

    v = p[7]; /* RACY */
    crace_test_signal(&read_done);
    crace_test_wait(&owner_done);
    p[3] = 9; /* RACY */
    return (void *)(long)v;
}

static void *owner(void *arg)
{
    char *p = (char *)&g;

    crace_test_wait(&read_done);
    for (int i = 0; i < 7; i++) {
        pthread_mutex_lock(&mu);
        p[i] = (char)i; /* RACY */
        pthread_mutex_unlock(&mu);
    }
    p[7] = 7; /* RACY */
    crace_test_signal(&owner_done);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, reader, NULL); /* CREATE */
    pthread_create(&t2, NULL, owner, NULL);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
