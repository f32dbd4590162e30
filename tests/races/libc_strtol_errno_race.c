// libc_strtol_errno_race: T1 edits a digit of a shared, too large number;
// T2 then parses it with strtol(), which fails with ERANGE. The read of
// the digits races with T1's write, and reporting that race inside the
// interceptor must leave strtol's errno as it was: T2 aborts otherwise.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 36
// RACE-FUNCS: editor parser
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static char huge[32] = "123456789012345678901234567";
static int edited;

static void *editor(void *arg)
{
    (void)arg;
    huge[4] = '0'; /* RACY */
    crace_test_signal(&edited);
    return NULL;
}

static void *parser(void *arg)
{
    long v;

    (void)arg;
    crace_test_wait(&edited);
    errno = 0;
    v = strtol(huge, NULL, 10); /* RACY */
    if (errno != ERANGE)
        abort();
    return (void *)v;
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
