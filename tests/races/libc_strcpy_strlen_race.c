// libc_strcpy_strlen_race: T1 strcpy()s a string into a shared buffer; T2
// then takes strlen() of the buffer with no synchronization. strcpy writes
// the string and its terminator, strlen reads them: race. uninstr_sync
// makes T1 copy first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 34
// RACE-FUNCS: copier measurer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char buf[64];
static char text[16] = "hello, world";
static int copied;

static void *copier(void *arg)
{
    strcpy(buf, text);
    crace_test_signal(&copied);
    return arg;
}

static void *measurer(void *arg)
{
    long n;

    (void)arg;
    crace_test_wait(&copied);
    n = (long)strlen(buf);
    return (void *)n;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, copier, NULL);   /* CREATE */
    pthread_create(&t2, NULL, measurer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
