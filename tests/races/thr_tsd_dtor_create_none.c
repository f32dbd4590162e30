// thr_tsd_dtor_create_none: a thread's TSD destructor fills `handoff` and
// creates a new thread from there (the creating thread is already on its
// way out); the new thread reads `handoff`. main joins the first thread,
// then the one its destructor made (whose id it publishes before it ends).
// Creation orders the destructor's writes before the new thread, and the
// joins order both before main's reads. No race.
//
// EXPECT: none
#include <pthread.h>

static pthread_key_t key;
static long handoff[4];
static long result;
static pthread_t second;

static void *late(void *arg)
{
    result = handoff[0] + handoff[3];
    return arg;
}

static void dtor(void *p)
{
    handoff[0] = (long)p;
    handoff[3] = 2;
    pthread_create(&second, NULL, late, NULL); /* CREATE */
}

static void *first(void *arg)
{
    pthread_setspecific(key, (void *)5L);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_key_create(&key, dtor);
    pthread_create(&t, NULL, first, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_join(second, NULL);
    return result == 7 && handoff[0] == 5 ? 0 : 3;
}
