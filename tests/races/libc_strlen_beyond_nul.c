// libc_strlen_beyond_nul: a buffer holds "abc" then its terminator; T1
// writes byte 6, past the terminator but in the same 8-byte word; T2 then
// takes strlen(), which reads bytes 0-3 only. The accesses do not overlap.
// No race. (uninstr_sync only fixes the order; crace cannot see it.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static _Alignas(8) char buf[16] = "abc";
static int written;

static void *writer(void *arg)
{
    buf[6] = 'x';
    crace_test_signal(&written);
    return arg;
}

static void *measurer(void *arg)
{
    (void)arg;
    crace_test_wait(&written);
    return (void *)(long)strlen(buf);
}

int main(void)
{
    pthread_t t1, t2;
    void *n;

    pthread_create(&t1, NULL, writer, NULL);   /* CREATE */
    pthread_create(&t2, NULL, measurer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &n);
    return n == (void *)3L ? 0 : 1;
}
