// mem_cell_shorts: 2-byte accesses. A peer first stores the 2 bytes at
// offset 6 of a granule. The owner then stores 2 bytes at each offset 0-4
// (unaligned) and loads them back, each access in a new epoch (mutex
// unlocks the peer never acquires): ten accesses of two kinds that no
// later one covers. Its cells are combined per kind; the peer's survives.
// The owner's store at offset 6 races with the peer's, and the peer's
// later load of bytes 3-4 races with the owner's store of bytes 2-3 (the
// first store touching them, combined into an older epoch).
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 65 42
// RACE-LINES: 30 25
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

struct __attribute__((packed)) u16 {
    short v;
};

static void put16(char *p, short v)
{
    ((struct u16 *)p)->v = v; /* RACY */
}

static short get16(const char *p)
{
    return ((const struct u16 *)p)->v; /* RACY */
}

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int peer_done, owner_done;

static void *peer(void *arg)
{
    char *p = (char *)&g;
    short v;

    ((short *)p)[3] = 1; /* RACY */
    crace_test_signal(&peer_done);
    crace_test_wait(&owner_done);
    v = get16(p + 3);
    return (void *)(long)v;
}

static void *owner(void *arg)
{
    char *p = (char *)&g;
    int sum = 0;

    crace_test_wait(&peer_done);
    for (int off = 0; off <= 4; off++) {
        pthread_mutex_lock(&mu);
        put16(p + off, (short)off);
        pthread_mutex_unlock(&mu);
    }
    for (int off = 0; off <= 4; off++) {
        pthread_mutex_lock(&mu);
        sum += get16(p + off);
        pthread_mutex_unlock(&mu);
    }
    ((short *)p)[3] = 2; /* RACY */
    crace_test_signal(&owner_done);
    return (void *)(long)sum;
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
