// mem_cell_read_epochs: three threads; the one filling the granule only
// reads. Two writers first store byte 7 and byte 6 of a granule. The owner
// then loads bytes 0-5, two at a time at every offset, in a new epoch each
// (mutex unlocks nobody else acquires), three times over: fifteen loads
// that want more cells than the two left. Its cells are combined; the
// writers' cells must both survive. The owner's load of bytes 6-7 races
// with both stores, and the first writer's later store to byte 2 races
// with the owner's loads of it.
//
// EXPECT: race
// REPORTS: 3
// RACE-LINES: 58 29
// RACE-LINES: 58 40
// RACE-LINES: 32 55
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int done[2], owner_done;

static void *writer7(void *arg)
{
    char *p = (char *)&g;

    p[7] = 1; /* RACY */
    crace_test_signal(&done[0]);
    crace_test_wait(&owner_done);
    p[2] = 9; /* RACY */
    return arg;
}

static void *writer6(void *arg)
{
    char *p = (char *)&g;

    p[6] = 1; /* RACY */
    crace_test_signal(&done[1]);
    return arg;
}

static void *owner(void *arg)
{
    const char *p = (const char *)&g;
    int sum = 0;

    crace_test_wait(&done[0]);
    crace_test_wait(&done[1]);
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 5; i++) {
            pthread_mutex_lock(&mu);
            sum += *(const volatile short *)(p + i); /* RACY */
            pthread_mutex_unlock(&mu);
        }
    sum += *(const volatile short *)(p + 6); /* RACY */
    crace_test_signal(&owner_done);
    return (void *)(long)sum;
}

int main(void)
{
    pthread_t t[3];

    pthread_create(&t[0], NULL, writer7, NULL); /* CREATE */
    pthread_create(&t[1], NULL, writer6, NULL); /* CREATE */
    pthread_create(&t[2], NULL, owner, NULL);   /* CREATE */
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
