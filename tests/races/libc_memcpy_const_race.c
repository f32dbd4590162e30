// libc_memcpy_const_race: T1 memcpy()s a constant 64 bytes between two
// pointers into a shared buffer; T2 then reads byte 40 with no
// synchronization: race. gcc -O1+ expands this memcpy inline without any
// instrumentation (TSan misses the race); crace-cc keeps the call.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 30 41
// RACE-FUNCS: copier reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

struct job {
    char *dst;
    const char *src;
};

static char shared[64];
static char pattern[64] = "sixty-four bytes of pattern, copied by a constant-size memcpy";
static int copied;

static void *copier(void *arg)
{
    struct job *job = arg;

    memcpy(job->dst, job->src, 64);
    crace_test_signal(&copied);
    return NULL;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&copied);
    seen = shared[40];
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    struct job job = {shared, pattern};

    pthread_create(&t1, NULL, copier, &job); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
