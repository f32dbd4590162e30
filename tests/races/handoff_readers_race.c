// handoff_readers_race: main fills a buffer, then three readers read all of
// it in turn, each under one mutex after the reader before it (a turn
// counter and a condition variable), so each read happens after the one
// before. A writer, started before the readers and ordered after nothing
// but main's fill, overwrites the buffer without the mutex once the last
// reader is done (real-time order from uninstr_sync). Its writes race with
// every reader's reads. crace keeps one cell for the chain of readers (a
// read ordered after another thread's read of the same bytes takes its
// cell); that cell must still carry the race.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 52 39
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "uninstr_sync.h"

#define WORDS 64
#define READERS 3

static uint64_t buf[WORDS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cv = PTHREAD_COND_INITIALIZER;
static int turn; /* lock */
static int readers_done;
static uint64_t sums[READERS];

static void *reader(void *arg)
{
    int me = (int)(intptr_t)arg;
    pthread_mutex_lock(&lock);
    while (turn != me)
        pthread_cond_wait(&turn_cv, &lock);
    for (int i = 0; i < WORDS; i++)
        sums[me] += buf[i];
    turn++;
    pthread_cond_broadcast(&turn_cv);
    pthread_mutex_unlock(&lock);
    if (me == READERS - 1)
        crace_test_signal(&readers_done);
    return NULL;
}

static void *writer(void *arg)
{
    crace_test_wait(&readers_done);
    for (int i = 0; i < WORDS; i++)
        buf[i] = (uint64_t)i * 3;
    return arg;
}

int main(void)
{
    pthread_t w, r[READERS];
    for (int i = 0; i < WORDS; i++)
        buf[i] = (uint64_t)i;
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    for (int i = 0; i < READERS; i++)
        pthread_create(&r[i], NULL, reader, (void *)(intptr_t)i); /* CREATE */
    for (int i = 0; i < READERS; i++)
        pthread_join(r[i], NULL);
    pthread_join(w, NULL);
    printf("sums %llu %llu %llu\n", (unsigned long long)sums[0], (unsigned long long)sums[1],
           (unsigned long long)sums[2]);
    return 0;
}
