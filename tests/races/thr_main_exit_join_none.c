// thr_main_exit_join_none: main fills `table`, registers a thread-specific
// value whose destructor writes `dtor_mark`, and leaves with pthread_exit.
// A worker joins the main thread (legal once main has exited) and then
// reads both: the join orders everything main did, its TSD destructors
// included, before the worker's reads. The worker ends the process. No
// race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

static pthread_t main_thread;
static pthread_key_t key;
static long table[16];
static long dtor_mark;

static void dtor(void *p)
{
    dtor_mark = (long)p;
}

static void *worker(void *arg)
{
    long sum = 0;

    if (pthread_join(main_thread, NULL) != 0)
        exit(3);
    for (int i = 0; i < 16; i++)
        sum += table[i];
    exit(sum == 120 && dtor_mark == 7 ? 0 : 4);
    return arg;
}

int main(void)
{
    pthread_t t;

    main_thread = pthread_self();
    pthread_key_create(&key, dtor);
    pthread_setspecific(key, (void *)7L);
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    for (int i = 0; i < 16; i++)
        table[i] = i;
    pthread_exit(NULL);
}
