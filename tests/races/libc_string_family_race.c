// libc_string_family_race: T1 writes into four shared strings; T2 then
// copies one with stpcpy(), compares one with strcasecmp(), measures one
// with strspn() and copies one with memccpy(). Each reads the byte T1
// wrote: four races, one per call line.
//
// EXPECT: race
// REPORTS: 4
// RACE-LINES: 30 45
// RACE-LINES: 31 46
// RACE-LINES: 32 47
// RACE-LINES: 33 48
// RACE-FUNCS: writer user
// RACE-ACCESS: read write
// LINK: uninstr_sync
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "uninstr_sync.h"

static char src[16] = "source";
static char name[16] = "Name";
static char digits[16] = "12345abc";
static char record[16] = "ab;cd";
static int written;

static void *writer(void *arg)
{
    src[4] = 'C';    /* RACY */
    name[1] = 'A';   /* RACY */
    digits[3] = '9'; /* RACY */
    record[1] = 'B'; /* RACY */
    crace_test_signal(&written);
    return arg;
}

static void *user(void *arg)
{
    char out[16], rec[16];
    long r = 0;

    (void)arg;
    crace_test_wait(&written);
    r += stpcpy(out, src) - out;                     /* RACY */
    r += strcasecmp(name, "NAME");                   /* RACY */
    r += (long)strspn(digits, "0123456789");         /* RACY */
    r += memccpy(rec, record, ';', sizeof rec) != 0; /* RACY */
    return (void *)r;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, user, NULL);   /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
