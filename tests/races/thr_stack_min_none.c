// thr_stack_min_none: eight threads on PTHREAD_STACK_MIN (16 KiB) stacks, two
// of them detached through the attribute, each locking a mutex around a
// shared counter, calling malloc/free and snprintf, and recursing a little.
// Every pthread_create must succeed (exit 0), and nothing races.
//
// EXPECT: none
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 8

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static sem_t done;

static int depth(int n)
{
    volatile char pad[64];

    pad[0] = (char)n;
    return n == 0 ? pad[0] : depth(n - 1) + 1;
}

static void *worker(void *arg)
{
    char buf[256];
    char *p = malloc(100);

    snprintf(buf, sizeof buf, "worker %ld", (long)arg);
    snprintf(p, 100, "%s", buf);
    pthread_mutex_lock(&mu);
    counter += depth(16) + (p[0] == 'w');
    pthread_mutex_unlock(&mu);
    free(p);
    sem_post(&done);
    return NULL;
}

int main(void)
{
    pthread_attr_t joinable, detached;
    pthread_t t[THREADS];

    sem_init(&done, 0, 0);
    pthread_attr_init(&joinable);
    pthread_attr_init(&detached);
    if (pthread_attr_setstacksize(&joinable, PTHREAD_STACK_MIN) != 0 ||
        pthread_attr_setstacksize(&detached, PTHREAD_STACK_MIN) != 0)
        return 3;
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], i < 2 ? &detached : &joinable, worker, (void *)i) != 0) /* CREATE */
            return 4;
    for (int i = 0; i < THREADS; i++)
        sem_wait(&done);
    for (int i = 2; i < THREADS; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_lock(&mu);
    if (counter != THREADS * 17) {
        pthread_mutex_unlock(&mu);
        return 5;
    }
    pthread_mutex_unlock(&mu);
    return 0;
}
