// lock_barrier_phase4_race: four threads pass one barrier thirty times,
// each phase working on its own cells. In phase 12 T3 reads `data` and T2
// writes it afterwards (real-time order by uninstr_sync, no happens-before).
// T3 reaches the barrier ending phase 11 last, so it leaves at once, reads
// and arrives at the next barrier while the others are still waking up
// (T2, which blocked after T1 and T4, is likely woken last):
// that arrival must not order T3's read before T1's write. One race, in
// every run.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 43 38
// RACE-ACCESS: write read
// LINK: uninstr_sync
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

#define THREADS 4
#define PHASES 30
#define RACY_PHASE 12

long data; /* long: alone in its 8-byte shadow granule */
long cells[THREADS];
static pthread_barrier_t barrier;
static int read_done;

static void *worker(void *arg)
{
    long me = (long)arg, sum = 0;
    for (int phase = 0; phase < PHASES; phase++) {
        if (me == 1 && phase == RACY_PHASE - 1)
            usleep(10000); /* T2 blocks in the barrier after T1 and T4 */
        if (me == 2 && phase == RACY_PHASE - 1)
            usleep(20000); /* and T3 arrives last */
        if (me == 2 && phase == RACY_PHASE) {
            sum += data; /* RACY */
            crace_test_signal(&read_done);
        }
        if (me == 1 && phase == RACY_PHASE) {
            crace_test_wait(&read_done);
            data = 1; /* RACY */
        }
        if (phase % 2 == 0)
            cells[me] = phase; /* even phases write, odd phases read */
        else
            for (int i = 0; i < THREADS; i++)
                sum += cells[i];
        pthread_barrier_wait(&barrier);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    pthread_barrier_init(&barrier, NULL, THREADS);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&barrier);
    return (int)data - 1;
}
