// libc_setvbuf_race: T1 gives a shared array to a stream as its buffer
// with setvbuf(): from then on the stream writes it, a write of all of it
// at T1's call; T2 then reads a byte of the array with no
// synchronization: race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 34
// RACE-FUNCS: owner reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static char buffer[256];
static FILE *stream;
static int given;

static void *owner(void *arg)
{
    (void)arg;
    setvbuf(stream, buffer, _IOFBF, sizeof buffer); /* RACY */
    crace_test_signal(&given);
    fputs("buffered\n", stream);
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    crace_test_wait(&given);
    return (void *)(long)buffer[100]; /* RACY */
}

int main(void)
{
    pthread_t t1, t2;

    stream = fopen("/dev/null", "w");
    if (!stream)
        return 1;
    pthread_create(&t1, NULL, owner, NULL);  /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    fclose(stream);
    return 0;
}
