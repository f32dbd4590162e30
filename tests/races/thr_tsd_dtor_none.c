// thr_tsd_dtor_none: the child stores a heap value under a pthread key; the
// key's destructor, run at thread exit, writes `released` and frees the
// value. main reads `released` after pthread_join: the join orders the
// destructor too (it runs before the thread has finished). No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

int released;
static pthread_key_t key;

static void destructor(void *p)
{
    released = *(int *)p;
    free(p);
}

static void *child(void *arg)
{
    int *v = malloc(sizeof *v);

    if (!v)
        abort();
    *v = 42;
    pthread_setspecific(key, v);
    return arg;
}

int main(void)
{
    pthread_t t;

    if (pthread_key_create(&key, destructor) != 0)
        return 2;
    pthread_create(&t, NULL, child, NULL); /* CREATE */
    pthread_join(t, NULL);
    return released == 42 ? 0 : 1;
}
