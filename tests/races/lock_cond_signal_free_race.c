// lock_cond_signal_free_race: a heap-allocated job holds a mutex, a
// condition variable and a done flag. The worker sets the flag under the
// mutex and broadcasts after unlocking; main, seeing the flag, destroys the
// mutex and frees the job while nothing orders the broadcast before the
// free (uninstr_sync only puts it first in real time). The free writes the
// condition variable's bytes, the broadcast reads them: one race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 54 34
// RACE-ACCESS: write read
// STDERR-HAS: by main thread (free):
// STDERR-HAS: Previous atomic read at
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

struct job {
    pthread_mutex_t m;
    pthread_cond_t done_cv;
    int done;
};

static int broadcast_done;

static void *worker(void *arg)
{
    struct job *j = arg;
    pthread_mutex_lock(&j->m);
    j->done = 1;
    pthread_mutex_unlock(&j->m);
    pthread_cond_broadcast(&j->done_cv); /* RACY */
    crace_test_signal(&broadcast_done);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct job *j = calloc(1, sizeof *j);

    if (!j)
        return 1;
    pthread_mutex_init(&j->m, NULL);
    pthread_create(&t, NULL, worker, j); /* CREATE */
    pthread_mutex_lock(&j->m);
    while (!j->done)
        pthread_cond_wait(&j->done_cv, &j->m);
    pthread_mutex_unlock(&j->m);
    pthread_mutex_destroy(&j->m);
    crace_test_wait(&broadcast_done);
    free(j); /* RACY */
    pthread_join(t, NULL);
    return 0;
}
