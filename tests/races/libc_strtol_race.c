// libc_strtol_race: T1 edits a digit of a shared number string; T2 then
// parses it with strtol() (and strtoul() parses another, also edited): each
// reads the digits it consumes, so each races with T1's write.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 24 37
// RACE-LINES: 25 38
// RACE-FUNCS: editor parser
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static char number[16] = "  -1234 apples";
static char count[16] = "987";
static int edited;

static void *editor(void *arg)
{
    (void)arg;
    number[5] = '7'; /* RACY */
    count[1] = '1';  /* RACY */
    crace_test_signal(&edited);
    return NULL;
}

static void *parser(void *arg)
{
    char *end;
    long v;

    (void)arg;
    crace_test_wait(&edited);
    v = strtol(number, &end, 10);        /* RACY */
    v += (long)strtoul(count, NULL, 10); /* RACY */
    return (void *)(v + (end - number));
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, editor, NULL); /* CREATE */
    pthread_create(&t2, NULL, parser, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
