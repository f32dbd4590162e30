// dl_join_mutual: main joins a worker that joins main. Each waits for the
// other to finish: a cycle of two joins, reported when the second join
// begins, whichever it is (glibc returns EDEADLK to it; other systems hang).
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 19 28
// STDERR-HAS: joins main thread
// TIMEOUT: 20
#include <pthread.h>
#include <time.h>

static pthread_t main_thread;

static void *joins_main(void *arg)
{
    struct timespec ts = {0, 200 * 1000000L};
    nanosleep(&ts, NULL);            /* main is in its join by now, most runs */
    pthread_join(main_thread, NULL); /* BLOCKED */
    return arg;
}

int main(void)
{
    pthread_t t;
    main_thread = pthread_self();
    pthread_create(&t, NULL, joins_main, NULL); /* CREATE */
    pthread_join(t, NULL);                      /* BLOCKED */
    return 0;
}
