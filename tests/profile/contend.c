/*
 * contend.c - threads contending on one known lock, or blocking in one
 * known call, for the profile tests. Usage: contend KIND, KIND one of
 * mutex rwlock spin c11 cond sem barrier join. Four workers, labelled
 * worker=0..3; for locks, each takes the lock in take_lock() and releases
 * it in release_lock() after holding it 2 ms: the mutex profile's top frame
 * is release_lock, the block profile's take_lock. The other kinds block
 * in wait_here().
 */
#include <crace.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

#define WORKERS 4
#define ROUNDS 15

static const char *kind;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t spin;
static mtx_t c11;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static sem_t sem;
static pthread_barrier_t barrier;
static int ready;
static long work;

__attribute__((noinline)) static void take_lock(void)
{
    if (!strcmp(kind, "mutex"))
        pthread_mutex_lock(&mu);
    else if (!strcmp(kind, "rwlock"))
        pthread_rwlock_wrlock(&rw);
    else if (!strcmp(kind, "spin"))
        pthread_spin_lock(&spin);
    else
        mtx_lock(&c11);
}

__attribute__((noinline)) static void release_lock(void)
{
    if (!strcmp(kind, "mutex"))
        pthread_mutex_unlock(&mu);
    else if (!strcmp(kind, "rwlock"))
        pthread_rwlock_unlock(&rw);
    else if (!strcmp(kind, "spin"))
        pthread_spin_unlock(&spin);
    else
        mtx_unlock(&c11);
}

/* The blocking call of the non-lock kinds. */
__attribute__((noinline)) static void wait_here(pthread_t other)
{
    if (!strcmp(kind, "cond")) {
        pthread_mutex_lock(&mu);
        while (!ready)
            pthread_cond_wait(&cond, &mu);
        pthread_mutex_unlock(&mu);
    } else if (!strcmp(kind, "sem")) {
        sem_wait(&sem);
    } else if (!strcmp(kind, "barrier")) {
        pthread_barrier_wait(&barrier);
    } else {
        pthread_join(other, NULL);
    }
}

static void *sleeper(void *arg)
{
    usleep(50000);
    return arg;
}

static void *worker(void *arg)
{
    char v[8];
    snprintf(v, sizeof v, "%d", (int)(long)arg);
    crace_set_label("worker", v);
    if (!strcmp(kind, "mutex") || !strcmp(kind, "rwlock") || !strcmp(kind, "spin") ||
        !strcmp(kind, "c11")) {
        for (int i = 0; i < ROUNDS; i++) {
            take_lock();
            work++;
            usleep(2000);
            release_lock();
        }
    } else if (!strcmp(kind, "join")) {
        pthread_t s;
        pthread_create(&s, NULL, sleeper, NULL); /* CREATE */
        wait_here(s);
    } else {
        wait_here(0);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t[WORKERS];
    kind = argc > 1 ? argv[1] : "mutex";
    pthread_spin_init(&spin, 0);
    mtx_init(&c11, mtx_plain);
    sem_init(&sem, 0, 0);
    pthread_barrier_init(&barrier, NULL, WORKERS + 1);
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    if (!strcmp(kind, "cond") || !strcmp(kind, "sem") || !strcmp(kind, "barrier")) {
        usleep(50000); /* the workers block meanwhile */
        pthread_mutex_lock(&mu);
        ready = 1;
        pthread_cond_broadcast(&cond);
        pthread_mutex_unlock(&mu);
        for (int i = 0; i < WORKERS; i++)
            sem_post(&sem);
        if (!strcmp(kind, "barrier"))
            pthread_barrier_wait(&barrier);
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    printf("done %ld\n", work);
    return 0;
}
