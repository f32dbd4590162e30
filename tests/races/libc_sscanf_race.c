// libc_sscanf_race: T1 edits a digit of a shared input line; T2 then
// parses that line with sscanf(), which reads the whole input string:
// race. T2 stores its results into shared variables that T1 reads
// afterwards (T1 waits for T2 this time): sscanf's write of the %s word
// races with T1's read.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 29 40
// RACE-LINES: 40 32
// RACE-FUNCS: editor parser
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char input[32] = "17 apples 2.5";
static int count;
static char word[16];
static double weight;
static int edited, parsed;

static void *editor(void *arg)
{
    long seen;

    (void)arg;
    input[1] = '8'; /* RACY */
    crace_test_signal(&edited);
    crace_test_wait(&parsed);
    seen = word[0]; /* RACY */
    return (void *)seen;
}

static void *parser(void *arg)
{
    (void)arg;
    crace_test_wait(&edited);
    long n = sscanf(input, "%d %15s %lf", &count, word, &weight); /* RACY */
    crace_test_signal(&parsed);
    return (void *)n;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, editor, NULL); /* CREATE */
    pthread_create(&t2, NULL, parser, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return count == 18 && weight > 2.0 ? 0 : 1;
}
