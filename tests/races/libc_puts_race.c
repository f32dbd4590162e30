// libc_puts_race: T1 changes one byte of each of two messages; T2 then
// prints the first with fputs() and the second with puts(). Both read the
// whole string with its terminator: each races with T1's write to it.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 25 37
// RACE-LINES: 26 38
// RACE-FUNCS: editor printer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char first_msg[32] = "hello, world";
static char second_msg[32] = "goodbye, world";
static FILE *sink;
static int edited;

static void *editor(void *arg)
{
    (void)arg;
    first_msg[3] = 'L';  /* RACY */
    second_msg[9] = 'W'; /* RACY */
    crace_test_signal(&edited);
    return NULL;
}

static void *printer(void *arg)
{
    int r;

    (void)arg;
    crace_test_wait(&edited);
    r = fputs(first_msg, sink); /* RACY */
    r += puts(second_msg);      /* RACY */
    return (void *)(long)r;
}

int main(void)
{
    pthread_t t1, t2;

    sink = fopen("/dev/null", "w");
    if (!sink || !freopen("/dev/null", "w", stdout))
        return 1;
    pthread_create(&t1, NULL, editor, NULL);  /* CREATE */
    pthread_create(&t2, NULL, printer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(sink);
    return 0;
}
