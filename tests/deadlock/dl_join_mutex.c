// dl_join_mutex: main holds a lock while it joins a worker that needs that
// lock to finish: a cycle through a join and a mutex.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 16 27
// STDERR-HAS: main thread joins thread T1, which waits for M1 held by main thread.
// TIMEOUT: 20
#include <pthread.h>

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static long state;

static void *worker(void *arg)
{
    pthread_mutex_lock(&state_lock); /* BLOCKED */
    state++;
    pthread_mutex_unlock(&state_lock);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&state_lock);
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_join(t, NULL);                  /* BLOCKED */
    pthread_mutex_unlock(&state_lock);
    return (int)state;
}
