// lock_static_zero_none: a mutex, a read-write lock and a condition
// variable that are static and zero-filled, with no initializer and no init
// call (valid for glibc, and common), plus a mutex inside a calloc'ed block,
// are used by four threads at once. Every operation only reads the objects:
// nothing races. (A zero-filled spinlock is a locked one on x86-64.) No
// race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 500

static pthread_mutex_t m;
static pthread_rwlock_t rw;
static pthread_cond_t cond;
static long counter, readers_seen;

struct box {
    pthread_mutex_t m;
    long value;
};
static struct box *box;

static void *worker(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&m);
        counter++;
        pthread_cond_broadcast(&cond);
        pthread_mutex_unlock(&m);
        pthread_rwlock_rdlock(&rw);
        long seen = readers_seen;
        pthread_rwlock_unlock(&rw);
        /* Read, then write under the write lock: the value read under the
           read lock may be stale by now, so the increment rereads it. */
        pthread_rwlock_wrlock(&rw);
        readers_seen = readers_seen + (seen >= 0);
        pthread_rwlock_unlock(&rw);
        pthread_mutex_lock(&box->m);
        box->value++;
        pthread_mutex_unlock(&box->m);
    }
    return arg;
}

int main(void)
{
    pthread_t t[THREADS];

    box = calloc(1, sizeof *box);
    if (!box)
        return 1;
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    long total = THREADS * ROUNDS;
    int ok = counter == total && readers_seen == total && box->value == total;
    free(box);
    return ok ? 0 : 1;
}
