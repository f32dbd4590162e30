// dl_barrier_missing: a barrier for four threads, but only three ever
// arrive (main and two workers): all wait forever. The two workers share
// one stack, so the report shows them as one block.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 17 27
// STDERR-HAS: 2 threads like thread T1 (T1, T2) [waiting in pthread_barrier_wait at barrier
// TIMEOUT: 20
#include <pthread.h>

#define WORKERS 2
static pthread_barrier_t phase;

static void *worker(void *arg)
{
    pthread_barrier_wait(&phase); /* BLOCKED */
    return arg;
}

int main(void)
{
    pthread_t t[WORKERS];
    pthread_barrier_init(&phase, NULL, WORKERS + 2); /* one participant too many */
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    pthread_barrier_wait(&phase);                  /* BLOCKED */
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
