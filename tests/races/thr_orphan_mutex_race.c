// thr_orphan_mutex_race: detached workers come and go, at most 4 alive
// (a count under a mutex and a condition variable). The first worker
// leaves the count and then, after its unlock, frees a block main gave it:
// the free is after its last release, so nothing orders it. Every worker
// writes its own element of `after_unlock` after its unlock as well, so
// slots change owner without order. 700 workers
// later, when every slot has changed owner several times and main has
// synchronized with the new owners, main writes into the block. The
// free and the write race (a use after free nothing orders).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 67 39
// RACE-ACCESS: write write
// STDERR-HAS: Previous write at
#include <pthread.h>
#include <stdlib.h>

#define WORKERS 700
#define ALIVE 4

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int alive;
static long *block;
long after_unlock[WORKERS];

static void *worker(void *arg)
{
    long i = (long)arg;
    long *mine = i == 0 ? block : 0;

    pthread_mutex_lock(&mu);
    alive--;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    after_unlock[i] = 1; /* every worker: its slot's reuse is unordered */
    if (mine)
        free(mine); /* RACY */
    return 0;
}

static void start(long i, pthread_attr_t *attr)
{
    pthread_t t;
    pthread_mutex_lock(&mu);
    while (alive == ALIVE)
        pthread_cond_wait(&cv, &mu);
    alive++;
    pthread_mutex_unlock(&mu);
    if (pthread_create(&t, attr, worker, (void *)i) != 0) /* CREATE */
        abort();
}

int main(void)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    block = malloc(4 * sizeof *block);
    for (long i = 0; i < WORKERS; i++)
        start(i, &attr);
    pthread_mutex_lock(&mu);
    while (alive)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    block[1] = 7; /* RACY */
    return 0;
}
