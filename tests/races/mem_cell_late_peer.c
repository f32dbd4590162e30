// mem_cell_late_peer: two threads; the peer arrives at a full granule. The
// owner stores bytes 0-3 one by one, each in a new epoch (mutex unlocks the
// peer never acquires): its four cells fill the granule. Then the peer
// reads byte 7: it gets a cell by combining two of the owner's. The owner
// goes on storing bytes 4-6 and then 0-6 again, sixteen more epochs, and
// none of those may take the peer's only cell: the owner's store of byte
// 7 races with the peer's read. The peer's later store to byte 5 races
// with the owner's stores of it.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 57 29
// RACE-LINES: 32 54
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int full, read_done, owner_done;

static void *peer(void *arg)
{
    char *p = (char *)&g;

    crace_test_wait(&full);
    int v = p[7]; /* RACY */
    crace_test_signal(&read_done);
    crace_test_wait(&owner_done);
    p[5] = 9; /* RACY */
    return (void *)(long)v;
}

static void store_locked(char *p, int i)
{
    pthread_mutex_lock(&mu);
    p[i] = (char)i;
    pthread_mutex_unlock(&mu);
}

static void *owner(void *arg)
{
    char *p = (char *)&g;

    for (int i = 0; i < 4; i++)
        store_locked(p, i);
    crace_test_signal(&full);
    crace_test_wait(&read_done);
    for (int round = 0; round < 2; round++)
        for (int i = round ? 0 : 4; i < 7; i++) {
            pthread_mutex_lock(&mu);
            p[i] = (char)(i + round); /* RACY */
            pthread_mutex_unlock(&mu);
        }
    p[7] = 7; /* RACY */
    crace_test_signal(&owner_done);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, peer, NULL);  /* CREATE */
    pthread_create(&t2, NULL, owner, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
