// leak_two_places: leaked threads created at two places (two from one loop,
// one from a helper), and a C11 thread never joined: three reports, one per
// place of creation.
//
// EXPECT: report
// WARNING: THREAD LEAK x3
// FRAME-LINES: 24 31 35
#include <pthread.h>
#include <threads.h>

static void *worker(void *arg)
{
    return arg;
}

static int c11_worker(void *arg)
{
    return arg != 0;
}

static void spawn(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */ /* FRAME */
}

int main(void)
{
    for (int i = 0; i < 2; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker, NULL); /* CREATE */ /* FRAME */
    }
    spawn();
    thrd_t c;
    thrd_create(&c, c11_worker, NULL); /* CREATE */ /* FRAME */
    return 0;
}
