// dl_cond_nobody: main joins a worker that waits on a condition variable
// nobody will ever signal (the signal was sent before it started waiting
// and the predicate is never checked). Every thread is blocked: reported
// after a short confirmation, with what each waits for.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 20 29
// STDERR-HAS: joining thread T1 in pthread_join
// STDERR-HAS: waiting in pthread_cond_wait on condition C1
// TIMEOUT: 20
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;

static void *waiter(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_cond_wait(&ready, &m); /* BLOCKED */
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL); /* CREATE */
    pthread_join(t, NULL);                  /* BLOCKED */
    return 0;
}
