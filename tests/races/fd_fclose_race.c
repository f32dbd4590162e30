// fd_fclose_race: T1 writes a record to a stream with fwrite; main then
// closes the stream with fclose without joining T1 first (uninstr_sync only
// orders them in real time). fclose closes the stream's descriptor: a write
// of the descriptor, racing with fwrite's use of it. One race, on the file
// descriptor.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 24
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

static FILE *out;
static char buf[BUFSIZ]; /* the stream's buffer: not allocated inside fwrite */
static int written;

static void *writer(void *arg)
{
    size_t n = fwrite("record\n", 1, 7, out); /* RACY */
    crace_test_signal(&written);
    return (void *)n;
}

int main(void)
{
    pthread_t t;
    void *n;

    out = tmpfile();
    if (!out || setvbuf(out, buf, _IOFBF, sizeof buf) != 0)
        return 1;
    pthread_create(&t, NULL, writer, NULL); /* CREATE */
    crace_test_wait(&written);
    fclose(out); /* RACY */
    pthread_join(t, &n);
    return (long)n == 7 ? 0 : 1;
}
