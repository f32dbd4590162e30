// libc_fwrite_race: T1 stores into byte 5 of a buffer; T2 then fwrite()s
// the buffer (64 bytes) to /dev/null with no synchronization. fwrite
// reads the caller's buffer: race. uninstr_sync makes T1 store first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 31
// RACE-FUNCS: filler writer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char buf[64];
static FILE *out;
static int filled;

static void *filler(void *arg)
{
    buf[5] = 'x';
    crace_test_signal(&filled);
    return arg;
}

static void *writer(void *arg)
{
    (void)arg;
    crace_test_wait(&filled);
    return (void *)fwrite(buf, 1, sizeof buf, out);
}

int main(void)
{
    pthread_t t1, t2;

    out = fopen("/dev/null", "w");
    if (!out)
        return 1;
    pthread_create(&t1, NULL, filler, NULL); /* CREATE */
    pthread_create(&t2, NULL, writer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(out);
    return 0;
}
