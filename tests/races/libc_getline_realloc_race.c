// libc_getline_realloc_race: main reads a short first line with getline()
// and keeps a block allocated right after the line buffer, so that it
// cannot grow in place. T1 gets the buffer and reads its first byte; T2
// (later, unordered) reads the next line, too long for the buffer: libc's
// realloc inside getline frees the old buffer on T2's behalf, a write that
// races with T1's read, reported at T2's getline() line as a free.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 29 39
// RACE-FUNCS: peeker reader
// RACE-ACCESS: write read
// STDERR-HAS: (free)
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uninstr_sync.h"

static char *line;
static size_t cap;
static FILE *in;
static int peeked;

static void *peeker(void *arg)
{
    long seen = ((char *)arg)[0]; /* RACY */

    crace_test_signal(&peeked);
    return (void *)seen;
}

static void *reader(void *arg)
{
    (void)arg;
    crace_test_wait(&peeked);
    return (void *)getline(&line, &cap, in); /* RACY */
}

int main(void)
{
    pthread_t t1, t2;
    char big[4000];
    void *after;

    in = tmpfile();
    if (!in)
        return 1;
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = 0;
    fprintf(in, "short\n%s\n", big);
    rewind(in);
    if (getline(&line, &cap, in) < 0)
        return 1;
    after = malloc(16);
    pthread_create(&t1, NULL, peeker, line); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    free(after);
    free(line);
    fclose(in);
    return 0;
}
