// mis_double_lock: a thread locks a default (non-recursive) mutex it
// already holds. glibc would block forever; crace reports the self-deadlock
// before the call and ends the run with status 66.
//
// EXPECT: report
// WARNING: DOUBLE LOCK x1
// FRAME-LINES: 19 24 25
// STDERR-HAS: locked again by its owner (it is not recursive: the call never returns), by
// STDERR-HAS: never returns), by thread T1:
// STDERR-HAS: Mutex M1 previously acquired by the same thread here:
// STDERR-HAS: Found 1 lock misuse(s)
// TIMEOUT: 30
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) void helper(void)
{
    pthread_mutex_lock(&m); /* FRAME */
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&m); /* FRAME */
    helper();               /* FRAME */
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
