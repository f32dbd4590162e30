// atom_plain_vs_atomic_load: T1 writes an int with a plain store; T2 then
// reads it with a seq_cst __atomic_load_n. An atomic access does not make
// a concurrent plain access to the same location safe: race (the current
// access is the atomic read). uninstr_sync makes T1 go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 32
// RACE-FUNCS: writer reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static int value;
static int written;

static void *writer(void *arg)
{
    value = 1;
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&written);
    seen = __atomic_load_n(&value, __ATOMIC_SEQ_CST);
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
