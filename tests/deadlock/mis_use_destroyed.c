// mis_use_destroyed: a mutex is destroyed, then locked (glibc marks a
// destroyed mutex: the lock fails with EINVAL), trylocked and unlocked.
// One report per call site, each saying where it was destroyed.
//
// EXPECT: report
// WARNING: USE OF DESTROYED MUTEX x3
// FRAME-LINES: 17 18 19 27
// STDERR-HAS: Mutex M1 destroyed by thread T1 here:
#include <errno.h>
#include <pthread.h>

static pthread_mutex_t m;

static void *user(void *arg)
{
    int bad = 0;
    bad += pthread_mutex_lock(&m) == EINVAL;    /* FRAME */
    bad += pthread_mutex_trylock(&m) == EINVAL; /* FRAME */
    bad += pthread_mutex_unlock(&m) == EINVAL;  /* FRAME */
    return (void *)(long)bad;
}

static void *destroyer(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m); /* FRAME */
    return arg;
}

int main(void)
{
    pthread_mutex_init(&m, NULL);
    pthread_t t;
    void *bad;
    pthread_create(&t, NULL, destroyer, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_create(&t, NULL, user, NULL); /* CREATE */
    pthread_join(t, &bad);
    return bad == (void *)3 ? 0 : 1;
}
