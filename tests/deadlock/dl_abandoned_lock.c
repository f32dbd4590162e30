// dl_abandoned_lock: a worker returns while still holding a mutex (an
// early-return path forgot the unlock); main then blocks on that mutex
// forever. The report names the finished holder.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 31
// STDERR-HAS: held by thread T1 (finished)
// STDERR-HAS: Thread T1 (finished) created at:
// TIMEOUT: 20
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static long queue_len;

static void *worker(void *arg)
{
    pthread_mutex_lock(&queue_lock);
    if (queue_len == 0)
        return arg; /* forgot to unlock */
    queue_len--;
    pthread_mutex_unlock(&queue_lock);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_mutex_lock(&queue_lock); /* BLOCKED */
    queue_len++;
    pthread_mutex_unlock(&queue_lock);
    return 0;
}
