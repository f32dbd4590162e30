// thr_create_race: main writes `config` right after pthread_create and the
// child reads it (after the write in real time, via uninstr_sync). Creation
// only orders what the creator did before it. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 32
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long before;
long config; /* long: alone in its 8-byte shadow granule */
static int written;

static void *child(void *arg)
{
    int b = before;

    crace_test_wait(&written);
    return (void *)(long)(b + config); /* RACY */
}

int main(void)
{
    pthread_t t;

    before = 1;
    pthread_create(&t, NULL, child, NULL); /* CREATE */
    config = 41; /* RACY */
    crace_test_signal(&written);
    pthread_join(t, NULL);
    return 0;
}
