// mem_realloc_sync_none: four threads take turns, under a mutex, growing
// and shrinking one shared heap buffer with realloc and reallocarray
// (sometimes in place for glibc, sometimes moved, sometimes from NULL or to
// size 0), then writing and reading all of it. Every access is ordered by
// the mutex: no race. The contents, and malloc_usable_size of every result,
// are checked.
//
// EXPECT: none
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 400

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long *buf;
static size_t len;
static int bad;

static void resize(size_t n, int round)
{
    long *q;

    if (n == 0) {
        int had = buf != NULL;
        q = realloc(buf, 0); /* frees buf; realloc(NULL, 0) is malloc(0): a block */
        if (q && had)
            bad = 1;
        free(q);
        q = NULL;
    } else if (round & 1) {
        q = reallocarray(buf, n, sizeof *q);
    } else {
        q = realloc(buf, n * sizeof *q);
    }
    if (n && (!q || malloc_usable_size(q) < n * sizeof *q)) {
        bad = 1;
        return;
    }
    for (size_t i = 0; i < n && i < len; i++)
        if (q[i] != (long)i)
            bad = 1;
    for (size_t i = len; i < n; i++)
        q[i] = (long)i;
    buf = q;
    len = n;
}

static void *worker(void *arg)
{
    unsigned seed = (unsigned)(size_t)arg;

    for (int r = 0; r < ROUNDS; r++) {
        seed = seed * 1103515245u + 12345u;
        pthread_mutex_lock(&lock);
        resize((seed >> 16) % 97 == 0 ? 0 : 1 + (seed >> 16) % 700, r);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];

    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)(size_t)(i + 1)); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    free(buf);
    return bad;
}
