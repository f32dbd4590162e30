// adjacent_bytes: two threads write different bytes of the same 8-byte
// word (T1 the even bytes a[0], a[2], ..., T2 the odd ones) with no
// synchronization. The bytes do not overlap, so there is no race. T2 writes
// after T1 (ordered through uninstr_sync, invisible to crace), so T1's
// accesses are still in the word's history when T2's are checked.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

_Alignas(8) char a[8];
static int t1_done;

static void *even(void *arg)
{
    a[0] = 1;
    a[2] = 1;
    a[4] = 1;
    a[6] = 1;
    crace_test_signal(&t1_done);
    return arg;
}

static void *odd(void *arg)
{
    crace_test_wait(&t1_done);
    a[1] = 2;
    a[3] = 2;
    a[5] = 2;
    a[7] = 2;
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, even, NULL);
    pthread_create(&t2, NULL, odd, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int i = 0; i < 8; i++)
        printf("%d", a[i]);
    printf("\n");
    return 0;
}
