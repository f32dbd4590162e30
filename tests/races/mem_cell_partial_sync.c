// mem_cell_partial_sync: no race. The owner stores bytes 0-3 of a granule
// one by one under a mutex, each in a new epoch; the peer then takes the
// mutex (it now knows those four stores); the owner stores bytes 4-7 the
// same way. Its eight accesses do not fit in four cells, so some are
// combined. Afterwards the peer, without the lock, stores and loads bytes
// 0-3 only: ordered after the owner's stores of them. A combined cell must
// keep the OLDER epoch: one carrying a newer epoch for bytes 0-3 would
// invent a race here.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int half_done, synced, owner_done;

static void store_bytes(char *p, int from, int to)
{
    for (int i = from; i < to; i++) {
        pthread_mutex_lock(&mu);
        p[i] = (char)i;
        pthread_mutex_unlock(&mu);
    }
}

static void *owner(void *arg)
{
    char *p = (char *)&g;

    store_bytes(p, 0, 4);
    crace_test_signal(&half_done);
    crace_test_wait(&synced);
    store_bytes(p, 4, 8);
    crace_test_signal(&owner_done);
    return arg;
}

static void *peer(void *arg)
{
    char *p = (char *)&g;
    int sum = 0;

    crace_test_wait(&half_done);
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
    crace_test_signal(&synced);
    crace_test_wait(&owner_done);
    for (int i = 0; i < 4; i++)
        sum += p[i];
    ((int *)p)[0] = sum;
    p[3] = 1;
    ((short *)p)[0] = 2;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, owner, NULL); /* CREATE */
    pthread_create(&t2, NULL, peer, NULL);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return g == 0;
}
