// libc_strerror_r_race: T1 fills a shared buffer with the message of
// ENOENT using strerror_r(); T2 then reads its first byte with no
// synchronization: race with strerror_r's write. strerror() itself returns
// a constant string and writes nothing the program owns.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 37
// RACE-FUNCS: filler reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char message[128];
static int filled;

static void *filler(void *arg)
{
    long r = (long)strerror_r(ENOENT, message, sizeof message); /* RACY */

    (void)arg;
    r += strerror(EINVAL)[0];
    crace_test_signal(&filled);
    return (void *)r;
}

static void *reader(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&filled);
    seen = message[0] + strerror(EINVAL)[0]; /* RACY */
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, filler, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
