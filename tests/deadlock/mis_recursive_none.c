// mis_recursive_none: recursive mutexes (pthread and C11) locked three
// times by their owner and unlocked three times, by two threads at once;
// a FILE's lock (flockfile, recursive) likewise. Nothing wrong.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t r;
static mtx_t c;
static long n;

static void nest(int depth)
{
    pthread_mutex_lock(&r);
    mtx_lock(&c);
    n++;
    if (depth > 0)
        nest(depth - 1);
    mtx_unlock(&c);
    pthread_mutex_unlock(&r);
}

static void *worker(void *arg)
{
    for (int i = 0; i < 200; i++) {
        nest(2);
        flockfile(stdout);
        flockfile(stdout);
        funlockfile(stdout);
        funlockfile(stdout);
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
    mtx_init(&c, mtx_timed | mtx_recursive);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    mtx_destroy(&c);
    pthread_mutex_destroy(&r);
    return n == 2 * 200 * 3 ? 0 : 1;
}
