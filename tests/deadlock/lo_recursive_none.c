// lo_recursive_none: a recursive mutex R is taken, then A, then R again
// (recursively, which never waits: the thread already owns it). The relock
// is no edge A -> R, so R -> A alone is no cycle. A C11 recursive mutex and
// a FILE's lock (flockfile, recursive too) do the same.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t r;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static mtx_t cr, ca;
static long n1, n2, n3; /* one per section: each under its own locks */

static void *worker(void *arg)
{
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&r);
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&r);
        n1++;
        pthread_mutex_unlock(&r);
        pthread_mutex_unlock(&a);
        pthread_mutex_unlock(&r);

        mtx_lock(&cr);
        mtx_lock(&ca);
        mtx_lock(&cr);
        n2++;
        mtx_unlock(&cr);
        mtx_unlock(&ca);
        mtx_unlock(&cr);

        flockfile(stderr);
        pthread_mutex_lock(&a);
        flockfile(stderr);
        n3++;
        funlockfile(stderr);
        pthread_mutex_unlock(&a);
        funlockfile(stderr);
    }
    return arg;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&r, &attr);
    pthread_mutexattr_destroy(&attr);
    mtx_init(&cr, mtx_plain | mtx_recursive);
    mtx_init(&ca, mtx_plain);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return n1 + n2 + n3 == 600 ? 0 : 1;
}
