// libc_sscanf_exact: T1 writes the spare byte right after a 4-byte word
// buffer, and an int; T2 then scans "42 abcdefgh 9" with "%d %3s%n x%d":
// %3s stores 3 characters and a NUL (word[0-3]), %n the position, and the
// literal 'x' fails to match, so the last %d never stores into that int.
// T2 writes no byte T1 wrote. No race. (uninstr_sync only fixes the order.)
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static struct {
    int number;
    char word[4];
    char spare;
    int untouched;
    int pos;
} shared;
static int written;

static void *writer(void *arg)
{
    shared.spare = 's';
    shared.untouched = 7;
    crace_test_signal(&written);
    return arg;
}

static void *scanner(void *arg)
{
    (void)arg;
    crace_test_wait(&written);
    /* the literal 'x' fails to match: the scan stops before the second %d */
    return (void *)(long)sscanf("42 abcdefgh 9", "%d %3s%n x%d", &shared.number, shared.word,
                                &shared.pos, &shared.untouched);
}

int main(void)
{
    pthread_t t1, t2;
    void *r;

    pthread_create(&t1, NULL, writer, NULL);  /* CREATE */
    pthread_create(&t2, NULL, scanner, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &r);
    return r == (void *)2L && shared.pos == 6 && shared.untouched == 7 ? 0 : 1;
}
