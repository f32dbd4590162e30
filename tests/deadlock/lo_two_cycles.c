// lo_two_cycles: two unrelated inversions (A/B and C/D) by two threads that
// run one after the other: two reports.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x2
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER, d = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void both(pthread_mutex_t *x, pthread_mutex_t *y)
{
    pthread_mutex_lock(x);
    pthread_mutex_lock(y);
    n++;
    pthread_mutex_unlock(y);
    pthread_mutex_unlock(x);
}

static void *first(void *arg)
{
    both(&a, &b);
    both(&c, &d);
    return arg;
}

static void *second(void *arg)
{
    both(&b, &a);
    both(&d, &c);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, first, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_create(&t, NULL, second, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
