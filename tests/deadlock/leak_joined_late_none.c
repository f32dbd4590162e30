// leak_joined_late_none: threads that finish long before they are joined
// (the joiner does other work first, then joins them all), and a C11 thread
// joined late. Not leaks.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <threads.h>

#include "uninstr_sync.h"

static int done[4];

static void *worker(void *arg)
{
    crace_test_signal((int *)arg);
    return NULL;
}

static int c11_worker(void *arg)
{
    return arg != 0;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &done[i]); /* CREATE */
    thrd_t c;
    thrd_create(&c, c11_worker, NULL); /* CREATE */
    for (int i = 0; i < 4; i++)
        crace_test_wait(&done[i]);
    volatile long busy = 0;
    for (long i = 0; i < 1000000; i++)
        busy += i;
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    thrd_join(c, NULL);
    return busy > 0 ? 0 : 1;
}
