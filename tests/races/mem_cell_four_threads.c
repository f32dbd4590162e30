// mem_cell_four_threads: one granule, four threads. Three others first
// hold a cell each: one reads byte 7, one writes byte 6, one reads byte 5.
// Then the owner stores bytes 0-4 one by one, each in a new epoch (mutex
// unlocks nobody else acquires). It has one free cell: each new store is
// combined into its own cell (older epoch, union of bytes), never over the
// others' cells. Its stores to bytes 5, 6 and 7 race with the three
// others; afterwards two of them touch bytes the owner stored (byte 0, its
// oldest store, and byte 3, combined into the older epoch): five races.
//
// EXPECT: race
// REPORTS: 5
// RACE-LINES: 68 49
// RACE-LINES: 70 41
// RACE-LINES: 72 29
// RACE-LINES: 33 65
// RACE-LINES: 53 65
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int done[3], owner_done;

static void *reader7(void *arg)
{
    char *p = (char *)&g;
    int v = p[7]; /* RACY */

    crace_test_signal(&done[0]);
    crace_test_wait(&owner_done);
    p[0] = 9; /* RACY */
    return (void *)(long)v;
}

static void *writer6(void *arg)
{
    char *p = (char *)&g;

    p[6] = 1; /* RACY */
    crace_test_signal(&done[1]);
    return arg;
}

static void *reader5(void *arg)
{
    char *p = (char *)&g;
    int v = p[5]; /* RACY */

    crace_test_signal(&done[2]);
    crace_test_wait(&owner_done);
    p[3] = 9; /* RACY */
    return (void *)(long)v;
}

static void *owner(void *arg)
{
    char *p = (char *)&g;

    for (int i = 0; i < 3; i++)
        crace_test_wait(&done[i]);
    for (int i = 0; i < 5; i++) {
        pthread_mutex_lock(&mu);
        p[i] = (char)i; /* RACY */
        pthread_mutex_unlock(&mu);
    }
    p[5] = 5; /* RACY */
    pthread_mutex_lock(&mu);
    p[6] = 6; /* RACY */
    pthread_mutex_unlock(&mu);
    p[7] = 7; /* RACY */
    crace_test_signal(&owner_done);
    return arg;
}

int main(void)
{
    pthread_t t[4];

    pthread_create(&t[0], NULL, reader7, NULL); /* CREATE */
    pthread_create(&t[1], NULL, writer6, NULL); /* CREATE */
    pthread_create(&t[2], NULL, reader5, NULL); /* CREATE */
    pthread_create(&t[3], NULL, owner, NULL);   /* CREATE */
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
