// thr_exit_unjoined_race: a child writes `result` and ends with pthread_exit;
// once it is really gone (an uninstrumented helper waits for that), main
// creates and joins a second thread (also ending in pthread_exit), then reads
// `result`. The dead, unjoined writer is ordered with nothing. Race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 20 39
// RACE-ACCESS: read write
// LINK: thr_helper_gone
#include <pthread.h>

void thr_helper_note_self(void);
void thr_helper_wait_gone(void);

long result; /* long: alone in its 8-byte shadow granule */

static void *writer(void *arg)
{
    result = 42; /* RACY */
    thr_helper_note_self();
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
    thr_helper_wait_gone();
    pthread_create(&i, NULL, idler, NULL); /* CREATE */
    pthread_join(i, NULL);
    v = result; /* RACY */
    pthread_join(w, NULL);
    return v == 42 ? 0 : 1;
}
