// libc_strtok_r_race: T1 tokenizes a shared line with strtok_r(), which
// overwrites the comma ending the first token with a NUL; T2 then reads
// that byte with no synchronization: race with strtok_r's write. T2 also
// reads byte 9, which the first strtok_r call never scanned: no race there.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 37
// RACE-FUNCS: tokenizer reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char line[32] = "alpha,beta,gamma";
static int split;

static void *tokenizer(void *arg)
{
    char *save;
    char *tok = strtok_r(line, ",", &save); /* RACY */

    (void)arg;
    crace_test_signal(&split);
    return tok;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&split);
    seen = line[9];
    seen += line[5]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, tokenizer, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL);    /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
