// thr_detach_none: a detached child writes `result`, then sets `done` under
// a mutex; main polls `done` under the same mutex and then reads `result`.
// The mutex, not the (absent) join, orders the accesses. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>

int result;
static int done;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *child(void *arg)
{
    result = 42;
    pthread_mutex_lock(&m);
    done = 1;
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    int d;

    pthread_create(&t, NULL, child, NULL); /* CREATE */
    pthread_detach(t);
    for (;;) {
        pthread_mutex_lock(&m);
        d = done;
        pthread_mutex_unlock(&m);
        if (d)
            break;
        sched_yield();
    }
    return result == 42 ? 0 : 1;
}
