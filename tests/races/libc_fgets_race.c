// libc_fgets_race: T1 reads a line from a file into a shared buffer with
// fgets(), which stores the line and its terminator there; T2 then reads
// byte 2 of the buffer with no synchronization: race. T2 also writes byte
// 20, past what fgets stored ("abcdef\n" and the NUL: bytes 0-7): no race
// there.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 38
// RACE-FUNCS: loader reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char line[32];
static FILE *in;
static int loaded;

static void *loader(void *arg)
{
    char *r = fgets(line, sizeof line, in); /* RACY */

    (void)arg;
    crace_test_signal(&loaded);
    return r;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&loaded);
    line[20] = 'x';
    seen = line[2]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    in = tmpfile();
    if (!in || fputs("abcdef\nsecond line\n", in) < 0)
        return 1;
    rewind(in);
    pthread_create(&t1, NULL, loader, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(in);
    return 0;
}
