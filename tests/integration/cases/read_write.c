// read_write: one thread writes an int, another reads it with no
// synchronization. The writer goes first (ordered through uninstr_sync,
// invisible to crace), so the report is "Read ... Previous write".
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 31 22
// RACE-FUNCS: reader writer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

int shared;
static int written;

static void *writer(void *arg)
{
    (void)arg;
    shared = 42;
    crace_test_signal(&written);
    return NULL;
}

static void *reader(void *arg)
{
    int *out = arg;
    crace_test_wait(&written);
    *out = shared;
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    int seen = 0;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, &seen); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("reader saw %d\n", seen);
    return 0;
}
