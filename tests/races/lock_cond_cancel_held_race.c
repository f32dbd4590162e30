// lock_cond_cancel_held_race: T1 is cancelled inside pthread_cond_wait; its
// cleanup handler runs with the mutex locked again (by glibc), updates
// `count` under it (no race: main does the same under the mutex) and also
// writes `stats`, which main writes without any lock, unordered. One race,
// on `stats`, and its report lists the mutex T1 holds.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 30 54
// RACE-ACCESS: write write
// STDERR-HAS: Mutexes held: M1
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

long count;
long stats; /* long: alone in its 8-byte shadow granule */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int never;
static int waiting;
static int stats_written;

static void on_cancel(void *arg)
{
    (void)arg;
    count++;
    crace_test_wait(&stats_written);
    stats = 2; /* RACY */
    pthread_mutex_unlock(&m);
}

static void *waiter(void *arg)
{
    pthread_mutex_lock(&m);
    crace_test_signal(&waiting);
    pthread_cleanup_push(on_cancel, NULL);
    while (!never)
        pthread_cond_wait(&c, &m);
    pthread_cleanup_pop(1);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, waiter, NULL); /* CREATE */
    crace_test_wait(&waiting);
    pthread_mutex_lock(&m); /* T1 waits now */
    count++;
    pthread_mutex_unlock(&m);
    stats = 1; /* RACY */
    pthread_cancel(t);
    crace_test_signal(&stats_written);
    pthread_join(t, NULL);
    return (int)count - 2;
}
