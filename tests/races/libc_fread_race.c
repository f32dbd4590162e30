// libc_fread_race: T1 fread()s 64 bytes from /dev/zero into a shared
// buffer; T2 then reads byte 30 of the buffer with no synchronization.
// fread writes the caller's buffer: race. uninstr_sync makes T1 read
// first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 36
// RACE-FUNCS: loader reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char buf[64];
static FILE *in;
static int loaded;

static void *loader(void *arg)
{
    size_t n = fread(buf, 1, sizeof buf, in);

    (void)arg;
    crace_test_signal(&loaded);
    return (void *)n;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&loaded);
    seen = buf[30];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    in = fopen("/dev/zero", "r");
    if (!in)
        return 1;
    pthread_create(&t1, NULL, loader, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(in);
    return 0;
}
