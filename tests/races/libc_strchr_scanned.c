// libc_strchr_scanned: the buffer holds "abcdefg"; T1 writes byte 5; T2
// then looks for 'c' with strchr(), which stops at byte 2: it reads bytes
// 0-2 only, so the accesses do not overlap (TSan's model too). No race.
// (uninstr_sync only fixes the order; crace cannot see it.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static _Alignas(8) char buf[16] = "abcdefg";
static int written;

static void *writer(void *arg)
{
    buf[5] = 'F';
    crace_test_signal(&written);
    return arg;
}

static void *searcher(void *arg)
{
    (void)arg;
    crace_test_wait(&written);
    return strchr(buf, 'c');
}

int main(void)
{
    pthread_t t1, t2;
    void *found;

    pthread_create(&t1, NULL, writer, NULL);   /* CREATE */
    pthread_create(&t2, NULL, searcher, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &found);
    return found == buf + 2 ? 0 : 1;
}
