// mis_static_zero_none: mutexes that were never initialized by a call but
// are zero-filled, which glibc accepts as PTHREAD_MUTEX_INITIALIZER and C
// programs rely on: a static without initializer, one inside a zeroed
// global struct, one in calloc'd memory, one in memset memory, and one in
// memory that held a mutex which was destroyed and freed before. Used by
// two threads: no report of any kind.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t plain; /* no initializer: zero-filled */
static struct {
    long hits;
    pthread_mutex_t lock;
} counters;
static pthread_mutex_t *from_calloc, *from_memset, *reused;
static long n[4]; /* one per mutex */

static void bump(pthread_mutex_t *m, long *count)
{
    pthread_mutex_lock(m);
    (*count)++;
    pthread_mutex_unlock(m);
}

static void *worker(void *arg)
{
    for (int i = 0; i < 500; i++) {
        bump(&plain, &n[0]);
        pthread_mutex_lock(&counters.lock);
        counters.hits++;
        pthread_mutex_unlock(&counters.lock);
        bump(from_calloc, &n[1]);
        bump(from_memset, &n[2]);
        bump(reused, &n[3]);
    }
    return arg;
}

int main(void)
{
    pthread_mutex_t *old = malloc(sizeof *old);
    pthread_mutex_init(old, NULL);
    pthread_mutex_lock(old);
    pthread_mutex_unlock(old);
    pthread_mutex_destroy(old);
    free(old);
    reused = calloc(1, sizeof *reused); /* most likely the same memory */
    from_calloc = calloc(1, sizeof *from_calloc);
    from_memset = malloc(sizeof *from_memset);
    memset(from_memset, 0, sizeof *from_memset);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    free(reused);
    free(from_calloc);
    free(from_memset);
    return n[0] + n[1] + n[2] + n[3] == 2 * 500 * 4 && counters.hits == 1000 ? 0 : 1;
}
