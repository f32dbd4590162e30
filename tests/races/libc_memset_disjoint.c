// libc_memset_disjoint: two threads memset() the two halves of one 32-byte
// buffer at the same time, split at byte 13 (inside an 8-byte word): T1
// bytes 0-12, T2 bytes 13-31. The ranges do not overlap, so a byte-precise
// detector sees no conflict. No race.
//
// EXPECT: none
#include <pthread.h>
#include <string.h>

static _Alignas(8) char buf[32];

static void *low(void *arg)
{
    memset(buf, 1, 13);
    return arg;
}

static void *high(void *arg)
{
    memset(buf + 13, 2, 19);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    int ok = 1;

    pthread_create(&t1, NULL, low, NULL);  /* CREATE */
    pthread_create(&t2, NULL, high, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int i = 0; i < 32; i++)
        ok &= buf[i] == (i < 13 ? 1 : 2);
    return ok ? 0 : 1;
}
