// dl_none_recursive_relock: a thread takes a recursive mutex and a FILE
// lock (recursive too) again while holding them and sleeps at the inner
// level for a second, while another thread waits for the mutex and main
// joins. A relock of a lock the thread holds is no self-deadlock when the
// lock is recursive: it never waits.
//
// EXPECT: none
// TIMEOUT: 30
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t rec;
static long depth_seen;

static void inner(void)
{
    struct timespec second = {1, 0};
    pthread_mutex_lock(&rec);
    flockfile(stdout);
    depth_seen++;
    nanosleep(&second, NULL);
    funlockfile(stdout);
    pthread_mutex_unlock(&rec);
}

static void *owner(void *arg)
{
    pthread_mutex_lock(&rec);
    flockfile(stdout);
    inner();
    funlockfile(stdout);
    pthread_mutex_unlock(&rec);
    return arg;
}

static void *waiter(void *arg)
{
    struct timespec ts = {0, 100 * 1000000L};
    nanosleep(&ts, NULL);
    pthread_mutex_lock(&rec);
    depth_seen++;
    pthread_mutex_unlock(&rec);
    return arg;
}

int main(void)
{
    pthread_t o, w;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&rec, &attr);
    pthread_create(&o, NULL, owner, NULL);  /* CREATE */
    pthread_create(&w, NULL, waiter, NULL); /* CREATE */
    pthread_join(o, NULL);
    pthread_join(w, NULL);
    return depth_seen == 2 ? 0 : 1;
}
