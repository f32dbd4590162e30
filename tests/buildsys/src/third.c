/* A third-party library built without crace: nothing in it is
 * instrumented; it calls back into instrumented code, from the caller's
 * thread and from a thread it creates itself. */
#include <pthread.h>

#include "counter.h"

void third_each(void (*cb)(void *), void *arg, int n)
{
    for (int i = 0; i < n; i++)
        cb(arg);
}

struct job {
    void (*cb)(void *);
    void *arg;
};

static void *run_job(void *p)
{
    struct job *j = p;
    j->cb(j->arg);
    return 0;
}

void third_spawn(void (*cb)(void *), void *arg)
{
    struct job j = {cb, arg};
    pthread_t t;
    if (pthread_create(&t, 0, run_job, &j) == 0)
        pthread_join(t, 0);
}
