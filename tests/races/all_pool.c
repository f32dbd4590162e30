// all_pool: a race-free program using everything at once. Main queues 400
// jobs for a pool of 4 workers (mutex + condvar queue); workers look values up
// in a cache table under a rwlock (filling misses under the write lock), count
// with atomics, and hand each finished job back to main through a pipe. Main
// checks every result and frees the job. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define WORKERS 4
#define JOBS 400
#define KEYS 64

struct job {
    int key;
    long result;
    struct job *next;
};

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cv = PTHREAD_COND_INITIALIZER;
static struct job *queue_head, *queue_tail;
static int queue_closed;

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static long cache[KEYS]; /* 0 = not computed yet */

static long jobs_done;   /* atomic */
static long cache_fills; /* atomic */
static int results[2];   /* pipe: workers -> main */

static long compute(int key)
{
    long v = 1;

    for (int i = 0; i < key % 7 + 3; i++)
        v = v * 3 + key;
    return v;
}

static struct job *next_job(void)
{
    struct job *j;

    pthread_mutex_lock(&queue_mu);
    while (!queue_head && !queue_closed)
        pthread_cond_wait(&queue_cv, &queue_mu);
    j = queue_head;
    if (j && !(queue_head = j->next))
        queue_tail = NULL;
    pthread_mutex_unlock(&queue_mu);
    return j;
}

static long lookup(int key)
{
    long v;

    pthread_rwlock_rdlock(&cache_lock);
    v = cache[key];
    pthread_rwlock_unlock(&cache_lock);
    if (v)
        return v;
    pthread_rwlock_wrlock(&cache_lock);
    if (!cache[key]) {
        cache[key] = compute(key);
        __atomic_fetch_add(&cache_fills, 1, __ATOMIC_RELAXED);
    }
    v = cache[key];
    pthread_rwlock_unlock(&cache_lock);
    return v;
}

static void *worker(void *arg)
{
    struct job *j;

    while ((j = next_job())) {
        j->result = lookup(j->key) + j->key;
        __atomic_fetch_add(&jobs_done, 1, __ATOMIC_RELAXED);
        if (write(results[1], &j, sizeof j) != sizeof j)
            abort();
    }
    return arg;
}

static void submit(int key)
{
    struct job *j = malloc(sizeof *j);

    if (!j)
        abort();
    j->key = key;
    j->result = 0;
    j->next = NULL;
    pthread_mutex_lock(&queue_mu);
    if (queue_tail)
        queue_tail->next = j;
    else
        queue_head = j;
    queue_tail = j;
    pthread_cond_signal(&queue_cv);
    pthread_mutex_unlock(&queue_mu);
}

int main(void)
{
    pthread_t w[WORKERS];
    int bad = 0;

    if (pipe(results) != 0)
        return 1;
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&w[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < JOBS; i++)
        submit(i * 7 % KEYS);
    for (int i = 0; i < JOBS; i++) {
        struct job *j;

        if (read(results[0], &j, sizeof j) != sizeof j)
            return 1;
        if (j->result != compute(j->key) + j->key)
            bad++;
        free(j);
    }
    pthread_mutex_lock(&queue_mu);
    queue_closed = 1;
    pthread_cond_broadcast(&queue_cv);
    pthread_mutex_unlock(&queue_mu);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(w[i], NULL);
    close(results[0]);
    close(results[1]);
    long done = __atomic_load_n(&jobs_done, __ATOMIC_RELAXED);
    long fills = __atomic_load_n(&cache_fills, __ATOMIC_RELAXED);
    printf("jobs %ld, cache fills %ld, bad %d\n", done, fills, bad);
    return bad == 0 && done == JOBS && fills == KEYS ? 0 : 1;
}
