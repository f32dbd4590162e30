// mem_cell_locked_bytes: no race. Four threads take turns under one mutex
// on the bytes of one granule: each stores a byte and a 2-byte half and
// loads a 4-byte half, at a new epoch every turn. Four threads of two
// kinds each want far more cells than the granule has, so cells are
// combined (each thread's own, and other threads' pairs) and evicted all
// the time; none of that may invent a race among accesses the mutex
// orders.
//
// EXPECT: none
#include <pthread.h>

#define THREADS 4
#define TURNS 40

long g; /* one granule */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    long id = (long)arg;
    char *p = (char *)&g;
    int sum = 0;

    for (int i = 0; i < TURNS; i++) {
        pthread_mutex_lock(&mu);
        p[(id * 2 + i) % 8] = (char)i;
        ((short *)p)[(id + i) % 4] = (short)id;
        sum += ((int *)p)[i % 2];
        pthread_mutex_unlock(&mu);
    }
    return (void *)(long)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
