// leak_one: a joinable thread finishes and is never joined nor detached: at
// exit, one thread leak with its creation stack.
//
// EXPECT: report
// WARNING: THREAD LEAK x1
// FRAME-LINES: 20 25
// STDERR-HAS: Thread T1 finished and was never joined or detached
// STDERR-HAS: Thread T1 (finished) created at:
// STDERR-HAS: Found 1 thread leak(s)
#include <pthread.h>

static void *worker(void *arg)
{
    return arg;
}

static void start_worker(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */ /* FRAME */
}

int main(void)
{
    start_worker(); /* FRAME */
    return 0;
}
