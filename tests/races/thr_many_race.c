// thr_many_race: as thr_many_none (10,000 threads, 1,000 alive at once, own
// slots), but threads 4000 and 4500, alive at the same time, also both write
// `shared` (in that order, uninstr_sync). Exactly that one race is reported.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 31 35
// RACE-ACCESS: write write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uninstr_sync.h"

#define TOTAL 10000
#define WINDOW 1000
#define FIRST 4000
#define SECOND 4500

static int *slots;
long shared; /* long: alone in its 8-byte shadow granule */
static int first_done;

static void *worker(void *arg)
{
    long i = (long)arg;

    slots[i] = (int)i;
    if (i == FIRST) {
        shared = 1; /* RACY */
        crace_test_signal(&first_done);
    } else if (i == SECOND) {
        crace_test_wait(&first_done);
        shared = 2; /* RACY */
    }
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t *tids = malloc(WINDOW * sizeof *tids);
    long bad = 0;

    slots = calloc(TOTAL, sizeof *slots);
    if (!tids || !slots)
        return 2;
    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, 64 * 1024) != 0)
        return 2;
    for (long i = 0; i < TOTAL; i++) {
        if (i >= WINDOW)
            pthread_join(tids[i % WINDOW], NULL);
        if (pthread_create(&tids[i % WINDOW], &attr, worker, (void *)i) != 0) { /* CREATE */
            fprintf(stderr, "pthread_create failed at thread %ld\n", i);
            return 3;
        }
    }
    for (long i = TOTAL - WINDOW; i < TOTAL; i++)
        pthread_join(tids[i % WINDOW], NULL);
    for (long i = 0; i < TOTAL; i++)
        bad += slots[i] != (int)i;
    pthread_attr_destroy(&attr);
    free(slots);
    free(tids);
    return bad == 0 ? 0 : 1;
}
