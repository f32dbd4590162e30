// libc_memmove_race: T1 stores into byte 3 of a shared buffer; T2 then
// shifts the buffer's first 16 bytes up by one with memmove(.., 16) (a
// constant size gcc would inline), no synchronization. memmove reads
// [0,16) and writes [1,17): both cover byte 3. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 29
// RACE-FUNCS: writer mover
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char shared[32] = "0123456789abcdefghij";
static int written;

static void *writer(void *arg)
{
    shared[3] = 'x';
    crace_test_signal(&written);
    return arg;
}

static void *mover(void *arg)
{
    crace_test_wait(&written);
    memmove(shared + 1, shared, 16);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, mover, NULL);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
