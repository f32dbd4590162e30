// libc_strcpy_literal_race: T1 strcpy()s a string literal into a shared
// buffer; T2 then reads byte 8 with no synchronization: race. gcc (even at
// -O0) expands strcpy of a literal into plain stores with no
// instrumentation, so TSan misses this race; clang calls memcpy.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 33
// RACE-FUNCS: copier reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char buf[64];
static int copied;

static void *copier(void *arg)
{
    strcpy(buf, "hello, world");
    crace_test_signal(&copied);
    return arg;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&copied);
    seen = buf[8];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, copier, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
