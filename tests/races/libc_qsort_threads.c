// libc_qsort_threads: a rank table is filled before the threads start;
// four threads each sort their own array with qsort(), whose comparator
// reads the shared table (reads only), then sort one shared array under a
// mutex. qsort's merge buffer is allocated and freed inside libc. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define N 300

static int rank[64];
static int shared_arr[N];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int by_rank(const void *a, const void *b)
{
    int x = rank[*(const int *)a & 63], y = rank[*(const int *)b & 63];

    return (x > y) - (x < y);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    int mine[N];

    for (int round = 0; round < 10; round++) {
        for (int i = 0; i < N; i++)
            mine[i] = (int)((i * 37 + id * 11 + round) % 64);
        qsort(mine, N, sizeof mine[0], by_rank);
        pthread_mutex_lock(&lock);
        for (int i = 0; i < N; i++)
            shared_arr[i] ^= mine[N - 1 - i];
        qsort(shared_arr, N, sizeof shared_arr[0], by_rank);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];

    for (int i = 0; i < 64; i++)
        rank[i] = (i * 29) % 64;
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return shared_arr[0] < 0;
}
