// leak_loop: five threads created at one place, none joined: one report
// naming all five. A sixth, created elsewhere, is joined: not listed.
//
// EXPECT: report
// WARNING: THREAD LEAK x1
// FRAME-LINES: 20
// STDERR-HAS: 5 threads created at the same place finished and were never joined
// STDERR-HAS: never joined or detached: T1, T2, T3, T4, T5
#include <pthread.h>

static void *worker(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t[5], joined;
    for (int i = 0; i < 5; i++)
        pthread_create(&t[i], NULL, worker, NULL); /* CREATE */ /* FRAME */
    pthread_create(&joined, NULL, worker, NULL);                /* CREATE */
    pthread_join(joined, NULL);
    return 0;
}
