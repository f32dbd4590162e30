// mem_cell_ints: 4-byte accesses. A peer first stores byte 7 of a granule.
// The owner then stores 4 bytes at each offset 0-3 (unaligned) and loads
// them back, each access in a new epoch (mutex unlocks the peer never
// acquires): eight accesses, two kinds, none covering another. Its cells
// are combined per kind; the peer's survives. The owner's store of bytes
// 4-7 races with the peer's store, and the peer's later load of bytes 0-3
// races with the owner's first store.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 64 41
// RACE-LINES: 29 24
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

struct __attribute__((packed)) u32 {
    int v;
};

static void put32(char *p, int v)
{
    ((struct u32 *)p)->v = v; /* RACY */
}

static int get32(const char *p)
{
    return ((const struct u32 *)p)->v; /* RACY */
}

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int peer_done, owner_done;

static void *peer(void *arg)
{
    char *p = (char *)&g;
    int v;

    p[7] = 1; /* RACY */
    crace_test_signal(&peer_done);
    crace_test_wait(&owner_done);
    v = get32(p);
    return (void *)(long)v;
}

static void *owner(void *arg)
{
    char *p = (char *)&g;
    int sum = 0;

    crace_test_wait(&peer_done);
    for (int off = 0; off <= 3; off++) {
        pthread_mutex_lock(&mu);
        put32(p + off, off);
        pthread_mutex_unlock(&mu);
    }
    for (int off = 0; off <= 3; off++) {
        pthread_mutex_lock(&mu);
        sum += get32(p + off);
        pthread_mutex_unlock(&mu);
    }
    ((int *)p)[1] = 2; /* RACY */
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
