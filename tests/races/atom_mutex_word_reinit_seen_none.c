// atom_mutex_word_reinit_seen_none: as atom_mutex_word_seen_none, but the
// mutex was destroyed and set up again with a static initializer (a plain
// store), so when T2 first peeks at its word with an acquire load the
// address has no synchronization record at all, only the trace of having
// had one. T1's lock creates the record again and its unlock publishes
// the data write; T2's next acquire load must take it.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_mutex_t m;
static long data;
static int peeked, unlocked;

static void *writer(void *arg)
{
    crace_test_wait(&peeked);
    data = 1;
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    crace_test_signal(&unlocked);
    return arg;
}

static void *peeker(void *arg)
{
    long seen = 0;

    (void)arg;
    __atomic_load_n((int *)&m, __ATOMIC_ACQUIRE);
    crace_test_signal(&peeked);
    crace_test_wait(&unlocked);
    if (__atomic_load_n((int *)&m, __ATOMIC_ACQUIRE) == 0)
        seen = data;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    static const pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;

    pthread_mutex_init(&m, NULL);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m);
    m = fresh;
    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, peeker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
