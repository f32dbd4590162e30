// lock_barrier_destroy_race: T1 passes a barrier of count 1 (it returns at
// once); main then destroys the barrier, with nothing ordering the destroy
// after T1's wait (uninstr_sync only puts it later in real time). The wait
// reads the barrier, the destroy writes it: one race, on the barrier.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 21
// RACE-ACCESS: write read
// STDERR-HAS: Location is global 'barrier'
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

pthread_barrier_t barrier;
static int passed;

static void *waiter(void *arg)
{
    pthread_barrier_wait(&barrier); /* RACY */
    crace_test_signal(&passed);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_barrier_init(&barrier, NULL, 1);
    pthread_create(&t, NULL, waiter, NULL); /* CREATE */
    crace_test_wait(&passed);
    pthread_barrier_destroy(&barrier); /* RACY */
    pthread_join(t, NULL);
    return 0;
}
