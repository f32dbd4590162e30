// libc_strtol_exact: strtol(), strtoul(), strtod() and atoi() read the
// characters they consume and the one that stops them, nothing more. T1
// writes bytes beyond those stopping characters (in the same 8-byte words);
// T2 then parses the strings and writes the end pointer into its own
// variable. The accesses do not overlap. No race. (uninstr_sync only fixes
// the order.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static _Alignas(8) char ints[16] = "42;tail";
static _Alignas(8) char hex[16] = "0x1f zz";
static _Alignas(8) char real[16] = "2.5e1 !";
static _Alignas(8) char plain[16] = "77 ....";
static int written;

static void *writer(void *arg)
{
    ints[4] = 'T';
    hex[6] = 'Z';
    real[6] = '?';
    plain[5] = ':';
    crace_test_signal(&written);
    return arg;
}

static void *parser(void *arg)
{
    char *end;
    double d;
    long v;

    (void)arg;
    crace_test_wait(&written);
    v = strtol(ints, &end, 10);
    v += (long)strtoul(hex, NULL, 16);
    d = strtod(real, &end);
    v += atoi(plain);
    return (void *)(v + (long)d);
}

int main(void)
{
    pthread_t t1, t2;
    void *sum;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, parser, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &sum);
    return sum == (void *)(42L + 31 + 25 + 77) ? 0 : 1;
}
