// lock_barrier_phase_race: two threads pass one barrier forty times. In phase
// 20 T1 writes `data` and T2 reads it: nothing orders them (uninstr_sync only
// puts the write first in real time). T1 reaches the barrier that ends phase
// 19 last, so it leaves at once, writes and arrives at the next barrier while
// T2 is still waking up: the arrival at the next phase must not leak into
// T2's departure from the previous one. One race, in every run.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 48
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

#define PHASES 40
#define RACY_PHASE 20

long data; /* long: alone in its 8-byte shadow granule */
long own[2][8];
static pthread_barrier_t barrier;
static int written;

static void *writer(void *arg)
{
    for (int phase = 0; phase < PHASES; phase++) {
        own[0][phase % 8] += phase;
        if (phase == RACY_PHASE - 1)
            usleep(20000); /* T2 blocks in the barrier first */
        if (phase == RACY_PHASE) {
            data = 1; /* RACY */
            crace_test_signal(&written);
        }
        pthread_barrier_wait(&barrier);
    }
    return arg;
}

static void *reader(void *arg)
{
    long v = 0;
    for (int phase = 0; phase < PHASES; phase++) {
        own[1][phase % 8] += phase;
        if (phase == RACY_PHASE) {
            crace_test_wait(&written);
            v = data; /* RACY */
        }
        pthread_barrier_wait(&barrier);
    }
    return (void *)v;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_barrier_init(&barrier, NULL, 2);
    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&barrier);
    return (int)(data - 1) + (int)(own[0][0] != own[1][0]);
}
