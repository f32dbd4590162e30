// mem_cell_three_threads: one granule, three threads. First a reader reads
// byte 7 and a writer writes byte 6. Then the owner stores bytes 0-5 one
// by one, each in a new epoch (mutex unlocks nobody else acquires): with
// the two others' cells it wants eight cells where there are four. Its own
// cells are combined; the others' are kept. The owner's stores to bytes 6
// and 7 race with the writer and the reader; afterwards the reader's store
// to byte 0 and the writer's load of byte 4 race with the owner's stores
// (the oldest one, and one combined into an older epoch).
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 60 41
// RACE-LINES: 62 28
// RACE-LINES: 32 56
// RACE-LINES: 44 56
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int reader_done, writer_done, owner_done;

static void *reader(void *arg)
{
    char *p = (char *)&g;
    int v = p[7]; /* RACY */

    crace_test_signal(&reader_done);
    crace_test_wait(&owner_done);
    p[0] = 9; /* RACY */
    return (void *)(long)v;
}

static void *writer(void *arg)
{
    char *p = (char *)&g;
    int v;

    p[6] = 1; /* RACY */
    crace_test_signal(&writer_done);
    crace_test_wait(&owner_done);
    v = p[4]; /* RACY */
    return (void *)(long)v;
}

static void *owner(void *arg)
{
    char *p = (char *)&g;

    crace_test_wait(&reader_done);
    crace_test_wait(&writer_done);
    for (int i = 0; i < 6; i++) {
        pthread_mutex_lock(&mu);
        p[i] = (char)i; /* RACY */
        pthread_mutex_unlock(&mu);
    }
    pthread_mutex_lock(&mu); /* keeps the two stores apart */
    p[6] = 6;                /* RACY */
    pthread_mutex_unlock(&mu);
    p[7] = 7; /* RACY */
    crace_test_signal(&owner_done);
    return arg;
}

int main(void)
{
    pthread_t t[3];

    pthread_create(&t[0], NULL, reader, NULL); /* CREATE */
    pthread_create(&t[1], NULL, writer, NULL); /* CREATE */
    pthread_create(&t[2], NULL, owner, NULL);  /* CREATE */
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
