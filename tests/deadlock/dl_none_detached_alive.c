// dl_none_detached_alive: a detached thread waits forever on a condition
// (a background service nobody shuts down) and main returns: at exit crace
// waits a moment for running threads, but an exiting program is not
// deadlocked, whatever its other threads wait for.
//
// EXPECT: none
// TIMEOUT: 30
#include <pthread.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static int stop;

static void *service(void *arg)
{
    pthread_mutex_lock(&m);
    while (!stop)
        pthread_cond_wait(&work, &m);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_attr_t attr;
    struct timespec ts = {0, 300 * 1000000L};
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &attr, service, NULL); /* CREATE */
    pthread_attr_destroy(&attr);
    nanosleep(&ts, NULL);
    return 0;
}
