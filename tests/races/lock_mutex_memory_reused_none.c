// lock_mutex_memory_reused_none: three long-lived workers lock random
// mutexes of a heap array and bump the counters they guard; between rounds
// (a barrier) main destroys and frees the array and allocates the next one,
// of another size, so that new mutexes land on addresses where other
// mutexes (or other parts of one) were. The workers' memory of the locks
// they took must follow the mutexes, not the addresses: each round's
// counters are ordered only by that round's mutexes. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define WORKERS 3
#define ROUNDS 12
#define OPS 600

struct guarded {
    pthread_mutex_t m;
    long count;
};

static struct guarded *arr;
static int narr;
static pthread_barrier_t start, end;

static void *worker(void *arg)
{
    unsigned seed = (unsigned)(long)arg * 7919u + 1;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&start);
        for (int k = 0; k < OPS; k++) {
            seed = seed * 1103515245u + 12345u;
            struct guarded *g = &arr[(seed >> 8) % (unsigned)narr];
            pthread_mutex_lock(&g->m);
            g->count++;
            pthread_mutex_unlock(&g->m);
        }
        pthread_barrier_wait(&end);
    }
    return 0;
}

int main(void)
{
    pthread_t th[WORKERS];
    long total = 0;

    pthread_barrier_init(&start, 0, WORKERS + 1);
    pthread_barrier_init(&end, 0, WORKERS + 1);
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&th[i], 0, worker, (void *)i); /* CREATE */
    for (int r = 0; r < ROUNDS; r++) {
        /* a byte offset that moves the mutexes over last round's addresses */
        narr = 60 + (r % 4) * 23;
        char *block = malloc(sizeof(struct guarded) * (size_t)narr + 64);
        arr = (struct guarded *)(block + (r % 3) * 16);
        for (int i = 0; i < narr; i++) {
            pthread_mutex_init(&arr[i].m, 0);
            arr[i].count = 0;
        }
        pthread_barrier_wait(&start);
        pthread_barrier_wait(&end);
        for (int i = 0; i < narr; i++) {
            total += arr[i].count;
            pthread_mutex_destroy(&arr[i].m);
        }
        free(block);
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(th[i], 0);
    return total == (long)ROUNDS * WORKERS * OPS ? 0 : 1;
}
