// thr_main_exit_join_race: main starts B, then A, fills `table` and leaves
// with pthread_exit. A joins the main thread and reads `table`: ordered
// after main's writes. B, started before main's writes and never
// synchronizing with main, writes `table[3]` after main wrote it and
// before A reads it (uninstr_sync): B races with main's write and with A's
// read. A ends the process. Two races.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 38 51
// RACE-LINES: 30 38
// EXIT: 66
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static pthread_t main_thread;
static long table[8];
static int main_wrote, b_done;

static void *reader(void *arg)
{
    long sum = 0;

    pthread_join(main_thread, NULL);
    crace_test_wait(&b_done);
    for (int i = 0; i < 8; i++)
        sum += table[i]; /* RACY */
    exit(sum == 128 ? 0 : 3);
    return arg;
}

static void *writer(void *arg)
{
    crace_test_wait(&main_wrote);
    table[3] = 103; /* RACY */
    crace_test_signal(&b_done);
    return arg;
}

int main(void)
{
    pthread_t a, b;

    main_thread = pthread_self();
    pthread_create(&b, NULL, writer, NULL); /* CREATE */
    pthread_create(&a, NULL, reader, NULL); /* CREATE */
    for (int i = 0; i < 8; i++)
        table[i] = i; /* RACY */
    crace_test_signal(&main_wrote);
    pthread_exit(NULL);
}
