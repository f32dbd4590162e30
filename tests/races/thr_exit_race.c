// thr_exit_race: two children leave through pthread_exit; main joins the
// one that did nothing and then reads what the other (still alive) wrote,
// after it in real time (uninstr_sync). Joining one thread does not order
// another. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 21 41
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long result; /* long: alone in its 8-byte shadow granule */
static int written;
static int read_done;

static void *writer(void *arg)
{
    result = 42; /* RACY */
    crace_test_signal(&written);
    crace_test_wait(&read_done);
    pthread_exit(arg);
}

static void *idler(void *arg)
{
    pthread_exit(arg);
}

int main(void)
{
    pthread_t w, i;
    int v;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&i, NULL, idler, NULL);  /* CREATE */
    pthread_join(i, NULL);
    crace_test_wait(&written);
    v = result; /* RACY */
    crace_test_signal(&read_done);
    pthread_join(w, NULL);
    return v == 42 ? 0 : 1;
}
