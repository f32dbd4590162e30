// libc_memset_const_race: T1 clears a 1000-byte buffer with memset(.., 1000);
// T2 then sets its last 16 bytes with memset(.., 16), no synchronization:
// a write/write race on bytes 984-999. gcc -O1+ inlines both constant-size
// memsets (TSan misses the race); crace-cc keeps the calls.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 30
// RACE-FUNCS: clearer tailer
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char buf[1000];
static int cleared;

static void *clearer(void *arg)
{
    memset(buf, 0, 1000);
    crace_test_signal(&cleared);
    return arg;
}

static void *tailer(void *arg)
{
    crace_test_wait(&cleared);
    memset(buf + 984, 0xff, 16);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, clearer, NULL); /* CREATE */
    pthread_create(&t2, NULL, tailer, NULL);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return buf[999] == (char)0xff ? 0 : 1; /* keeps buf alive */
}
