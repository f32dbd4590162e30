// dl_once_blocked_init: T1 runs a pthread_once initializer that needs a
// lock main holds; main then calls pthread_once on the same control and
// waits for the initializer to finish. Neither can move.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 24 41
// STDERR-HAS: waiting in pthread_once on once control
// STDERR-HAS: held by main thread
// LINK: uninstr_sync
// TIMEOUT: 20
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int in_init;
static long config;

static void load_config(void)
{
    crace_test_signal(&in_init);
    pthread_mutex_lock(&config_lock); /* BLOCKED */
    config = 1;
    pthread_mutex_unlock(&config_lock);
}

static void *worker(void *arg)
{
    pthread_once(&once, load_config);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&config_lock);
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&in_init);
    pthread_once(&once, load_config); /* BLOCKED */
    pthread_mutex_unlock(&config_lock);
    pthread_join(t, NULL);
    return (int)config;
}
