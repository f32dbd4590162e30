// mem_free_other_thread_race: T1 allocates a block and hands it to T2
// under a mutex; T2 frees it. T3 was created before any of that and is
// ordered only after main; it gets the address through a relaxed atomic
// and, after the free (uninstr_sync), writes it: a use after free racing
// with T2's free. The location names both threads: the block was
// allocated by T1 and freed by T2.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 66 54
// RACE-FUNCS: consumer late_writer
// RACE-ACCESS: write write
// STDERR-HAS: by thread T2 (free):
// STDERR-HAS: freed by thread T2, allocated by thread T1:
// LINK: uninstr_sync
#include <pthread.h>
#include <stdlib.h>

#include "uninstr_sync.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static long *handed;  /* guarded by lock */
static long *address; /* passed to T3 with relaxed atomics */
static int freed;

static void *producer(void *arg)
{
    long *p = malloc(5 * sizeof *p);

    (void)arg;
    if (!p)
        abort();
    for (int i = 0; i < 5; i++)
        p[i] = i;
    __atomic_store_n(&address, p, __ATOMIC_RELAXED);
    pthread_mutex_lock(&lock);
    handed = p;
    pthread_cond_signal(&ready);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    long *p;

    (void)arg;
    pthread_mutex_lock(&lock);
    while (!handed)
        pthread_cond_wait(&ready, &lock);
    p = handed;
    pthread_mutex_unlock(&lock);
    free(p); /* RACY */
    crace_test_signal(&freed);
    return NULL;
}

static void *late_writer(void *arg)
{
    long *p;

    (void)arg;
    crace_test_wait(&freed);
    p = __atomic_load_n(&address, __ATOMIC_RELAXED);
    p[3] = 9; /* RACY */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2, t3;

    pthread_create(&t1, NULL, producer, NULL);    /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL);    /* CREATE */
    pthread_create(&t3, NULL, late_writer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    return 0;
}
