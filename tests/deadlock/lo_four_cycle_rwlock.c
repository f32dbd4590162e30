// lo_four_cycle_rwlock: a cycle of four locks through two read-write locks,
// each thread taking two of them: M then R1 (write), R1 (write) then N,
// N then R2 (read), R2 (write) then M. At every lock of the cycle one side
// holds or wants it for writing, so all four threads could block at once.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 20 30 40 50
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t n = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t r1 = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t r2 = PTHREAD_RWLOCK_INITIALIZER;
static long value;

static void *m_r1(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_rwlock_wrlock(&r1); /* FRAME */
    value++;
    pthread_rwlock_unlock(&r1);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *r1_n(void *arg)
{
    pthread_rwlock_wrlock(&r1);
    pthread_mutex_lock(&n); /* FRAME */
    value++;
    pthread_mutex_unlock(&n);
    pthread_rwlock_unlock(&r1);
    return arg;
}

static void *n_r2(void *arg)
{
    pthread_mutex_lock(&n);
    pthread_rwlock_rdlock(&r2); /* FRAME */
    long v = value;
    pthread_rwlock_unlock(&r2);
    pthread_mutex_unlock(&n);
    return (void *)v;
}

static void *r2_m(void *arg)
{
    pthread_rwlock_wrlock(&r2);
    pthread_mutex_lock(&m); /* FRAME */
    value++;
    pthread_mutex_unlock(&m);
    pthread_rwlock_unlock(&r2);
    return arg;
}

int main(void)
{
    void *(*fns[4])(void *) = {m_r1, r1_n, n_r2, r2_m};
    for (int i = 0; i < 4; i++) {
        pthread_t t;
        pthread_create(&t, NULL, fns[i], NULL); /* CREATE */
        pthread_join(t, NULL);
    }
    return 0;
}
