// dl_sem_workers: main waits for N posts on a semaphore, but the workers
// wait for a "go" semaphore that main never posts (it was meant to post
// before waiting). Everyone is blocked on a semaphore.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 18 31
// STDERR-HAS: 3 threads like thread T1 (T1, T2, T3)
// TIMEOUT: 20
#include <pthread.h>
#include <semaphore.h>

#define N 3
static sem_t go, finished;

static void *worker(void *arg)
{
    sem_wait(&go); /* BLOCKED */
    sem_post(&finished);
    return arg;
}

int main(void)
{
    pthread_t t[N];
    sem_init(&go, 0, 0);
    sem_init(&finished, 0, 0);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < N; i++)
        sem_wait(&finished); /* BLOCKED */
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
