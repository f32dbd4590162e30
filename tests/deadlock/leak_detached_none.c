// leak_detached_none: threads created detached, threads detached by
// themselves, threads detached by main after they finished, and a C11
// thread detached: none of them is a leak. A thread still blocked at exit
// is not a finished thread: not a leak either.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <threads.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int finished[2];
static pthread_mutex_t forever = PTHREAD_MUTEX_INITIALIZER;

static void *quick(void *arg)
{
    if (arg)
        crace_test_signal((int *)arg);
    return NULL;
}

static void *self_detaching(void *arg)
{
    pthread_detach(pthread_self());
    return arg;
}

static void *blocked(void *arg)
{
    pthread_mutex_lock(&forever); /* main holds it until exit */
    return arg;
}

static int c11_worker(void *arg)
{
    return arg != 0;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    for (int i = 0; i < 3; i++)
        pthread_create(&t, &attr, quick, NULL); /* CREATE */
    pthread_attr_destroy(&attr);
    pthread_create(&t, NULL, self_detaching, NULL); /* CREATE */
    pthread_t late[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&late[i], NULL, quick, &finished[i]); /* CREATE */
    for (int i = 0; i < 2; i++) {
        crace_test_wait(&finished[i]);
        usleep(20000); /* let it finish for good */
        pthread_detach(late[i]);
    }
    thrd_t c;
    thrd_create(&c, c11_worker, NULL); /* CREATE */
    thrd_detach(c);
    pthread_mutex_lock(&forever);
    pthread_create(&t, NULL, blocked, NULL); /* CREATE */
    usleep(20000);
    return 0;
}
