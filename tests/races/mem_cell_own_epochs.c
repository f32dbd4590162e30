// mem_cell_own_epochs: two threads. The writer stores the 8 bytes of each of
// three granules one by one, each store in a new epoch (a mutex unlock
// between them), so it alone needs 8 cells per granule where the shadow has
// 4. The checker never synchronizes with the writer; after it (in real
// time, uninstr_sync) it writes byte 0 of `a` (the writer's oldest access
// there), reads byte 5 of `b` and writes bytes 2-3 of `c`: three races. A
// shadow that evicts one of the writer's cells for each new one forgets the
// oldest ones; cells combined into their older epoch keep every byte, and
// the previous access named is the store of that byte.
//
// EXPECT: race
// REPORTS: 3
// RACE-LINES: 54 37
// RACE-LINES: 55 30
// RACE-LINES: 56 30
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long a, b, c; /* three granules (not static: stores stay) */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int written;

static void bytes_from(char *g, int first)
{
    for (int i = first; i < 8; i++) {
        pthread_mutex_lock(&mu);
        g[i] = (char)i; /* RACY */
        pthread_mutex_unlock(&mu);
    }
}

static void *writer(void *arg)
{
    ((char *)&a)[0] = 1; /* RACY */
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
    bytes_from((char *)&a, 1);
    bytes_from((char *)&b, 0);
    bytes_from((char *)&c, 0);
    crace_test_signal(&written);
    return arg;
}

static void *checker(void *arg)
{
    char *pa = (char *)&a, *pb = (char *)&b;
    short *pc = (short *)&c;
    int sum;

    crace_test_wait(&written);
    pa[0] = 9;   /* RACY */
    sum = pb[5]; /* RACY */
    pc[1] = 7;   /* RACY */
    return (void *)(long)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL);  /* CREATE */
    pthread_create(&t2, NULL, checker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
